// A stand-in for the Workers AI binding (`env.AI`), wired as a workerd wrapped binding the way
// wrangler wires the real one: `run(model, inputs, options)` POSTs the inputs to `/ai/run/<model>`
// of the `backend` service (here `ttftbench serve`), and with `stream: true` returns the response
// body, a ReadableStream of Workers AI server-sent events, as the real binding does.
class Ai {
  #backend;

  constructor(backend) {
    this.#backend = backend;
  }

  async run(model, inputs, options = {}) {
    const response = await this.#backend.fetch(`http://workers-ai.internal/ai/run/${model}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...options.extraHeaders },
      body: JSON.stringify(inputs),
    });
    if (!response.ok) {
      throw new Error(`AI.run(${model}): HTTP ${response.status}: ${(await response.text()).slice(0, 200)}`);
    }
    return inputs.stream ? response.body : (await response.json()).result;
  }
}

export default function makeBinding(env) {
  return new Ai(env.backend);
}
