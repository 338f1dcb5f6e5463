#!/usr/bin/env python3
"""Writes a ShareGPT JSONL and an OpenAI-messages JSONL dataset of N lines each, with realistic
line lengths (a few hundred bytes to a few KB: short questions, longer answers, some multi-turn),
for bench/datasets.sh. Deterministic (fixed seed). Standard library only.
Usage: gen_datasets.py OUT_DIR [--lines N]"""
import argparse
import json
import os
import random

WORDS = ("the model answer question token latency stream server request first time cache prompt "
         "please explain why how what code function return value error network region edge central "
         "benchmark résumé naïve 東京 données \"quoted\" back\\slash").split()


def text(rng, low, high):
    """About low..high bytes of words, with an occasional newline."""
    target = int(rng.lognormvariate(0, 0.6) * (low + high) / 3)
    target = max(low, min(high, target))
    out, size = [], 0
    while size < target:
        word = rng.choice(WORDS)
        if rng.random() < 0.03:
            word += "\n"
        out.append(word)
        size += len(word) + 1
    return " ".join(out)


def turns(rng):
    """Alternating human/assistant texts: one exchange mostly, up to four."""
    count = rng.choice((1, 1, 1, 2, 2, 3, 4))
    pairs = []
    for _ in range(count):
        pairs.append((text(rng, 40, 600), text(rng, 100, 1500)))
    return pairs


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("out_dir")
    parser.add_argument("--lines", type=int, default=100_000)
    args = parser.parse_args()
    os.makedirs(args.out_dir, exist_ok=True)
    rng = random.Random(20261207)
    with open(os.path.join(args.out_dir, "sharegpt.jsonl"), "w", encoding="utf-8") as out:
        for i in range(args.lines):
            conversation = []
            for human, gpt in turns(rng):
                conversation += [{"from": "human", "value": human}, {"from": "gpt", "value": gpt}]
            out.write(json.dumps({"id": f"q{i:06d}", "conversations": conversation}, ensure_ascii=False) + "\n")
    with open(os.path.join(args.out_dir, "openai.jsonl"), "w", encoding="utf-8") as out:
        for _ in range(args.lines):
            messages = [{"role": "system", "content": text(rng, 30, 200)}] if rng.random() < 0.3 else []
            for user, assistant in turns(rng):
                messages += [{"role": "user", "content": user}, {"role": "assistant", "content": assistant}]
            messages.pop()  # end on the user's turn, as a prompt does
            out.write(json.dumps({"messages": messages}, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()
