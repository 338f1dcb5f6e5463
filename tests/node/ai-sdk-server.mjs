// A Node server that streams like an app built on the Vercel AI SDK: `streamText` over the SDK's
// own mock model, whose text deltas come from `simulateReadableStream`, so the e2e tests know
// exactly when the first text part leaves and how many follow. It never calls a real model.
//
// Usage: node ai-sdk-server.mjs [PORT]   (0 or none: an ephemeral port)
// Prints "listening on http://127.0.0.1:PORT" as its first stdout line, then one JSON line per
// finished response with the server's own timing, so a client's figures can be checked against
// what the server did: {"path","request_id","model_called_ms","first_token_write_ms"}, times
// from the request's arrival to streamText calling the model, and to the first write to the
// socket after the model sent its first text delta.
//
// Routes (POST or GET; the request body is ignored):
//   /ui    streamText(...).pipeUIMessageStreamToResponse   UI message stream (ai 6)
//   /text  streamText(...).pipeTextStreamToResponse        plain text stream (ai 6)
//   /data  streamText(...).pipeDataStreamToResponse        data stream: removed in ai 5, so it
//          comes from ai 4, installed beside ai 6 under the alias "ai-v4"
// Query: initial_ms (delay before the first text delta), chunk_ms (between deltas), parts
// (number of text deltas). The first delta leaves initial_ms after streamText calls the model,
// which it does a few ms after the request arrives (the SDK's own setup).
import http from 'node:http';

import { simulateReadableStream, streamText } from 'ai';
import { MockLanguageModelV3 } from 'ai/test';
import { simulateReadableStream as simulateReadableStreamV4, streamText as streamTextV4 } from 'ai-v4';
import { MockLanguageModelV1 } from 'ai-v4/test';

const kMaxParts = 10000;
const kMaxDelayMs = 60000;

// The request's timing: integers in range, else an Error naming the parameter.
function timingFrom(url) {
  const read = (name, fallback, max) => {
    const text = url.searchParams.get(name);
    if (text === null) return fallback;
    const value = Number(text);
    if (!Number.isInteger(value) || value < 0 || value > max) {
      throw new Error(`${name} must be a whole number from 0 to ${max}, got "${text}"`);
    }
    return value;
  };
  return {
    initialMs: read('initial_ms', 100, kMaxDelayMs),
    chunkMs: read('chunk_ms', 10, kMaxDelayMs),
    parts: read('parts', 8, kMaxParts),
  };
}

const deltaText = (i) => `word${i} `;

// The model's stream: `chunks` timed by the SDK's own simulateReadableStream (`simulate`), whose
// delay starts when the SDK calls the model (so that moment is stamped). `trace.deltaSent` marks
// the first part leaving it.
function timedParts(simulate, trace, { initialMs, chunkMs }, chunks) {
  trace.modelCalledNs = process.hrtime.bigint();
  const markFirst = new TransformStream({
    transform(part, controller) {
      trace.deltaSent = true;
      controller.enqueue(part);
    },
  });
  return simulate({ initialDelayInMs: initialMs, chunkDelayInMs: chunkMs, chunks }).pipeThrough(markFirst);
}

// ai 6 (LanguageModelV3): the deltas are timed by simulateReadableStream; text-start is sent
// with the first delta and text-end/finish right after the last, so the framing adds no delay.
function modelV3(timing, trace) {
  const { parts } = timing;
  const deltas = Array.from({ length: parts }, (_, i) => ({ type: 'text-delta', id: 't0', delta: deltaText(i) }));
  const usage = {
    inputTokens: { total: 5, noCache: 5, cacheRead: 0, cacheWrite: 0 },
    outputTokens: { total: parts, text: parts, reasoning: 0 },
  };
  let started = false;
  const framing = new TransformStream({
    transform(part, controller) {
      if (!started) controller.enqueue({ type: 'text-start', id: 't0' });
      started = true;
      controller.enqueue(part);
    },
    flush(controller) {
      if (started) controller.enqueue({ type: 'text-end', id: 't0' });
      controller.enqueue({ type: 'finish', finishReason: { unified: 'stop', raw: 'stop' }, usage });
    },
  });
  return new MockLanguageModelV3({
    doStream: async () => ({ stream: timedParts(simulateReadableStream, trace, timing, deltas).pipeThrough(framing) }),
  });
}

// ai 4 (LanguageModelV1) has no text-start/end; finish follows the last delta at once.
function modelV1(timing, trace) {
  const { parts } = timing;
  const deltas = Array.from({ length: parts }, (_, i) => ({ type: 'text-delta', textDelta: deltaText(i) }));
  const finish = new TransformStream({
    flush(controller) {
      controller.enqueue({ type: 'finish', finishReason: 'stop', usage: { promptTokens: 5, completionTokens: parts } });
    },
  });
  return new MockLanguageModelV1({
    doStream: async () => ({
      stream: timedParts(simulateReadableStreamV4, trace, timing, deltas).pipeThrough(finish),
      rawCall: { rawPrompt: null, rawSettings: {} },
    }),
  });
}

const routes = {
  '/ui': (timing, trace, res) =>
    streamText({ model: modelV3(timing, trace), prompt: 'hi' }).pipeUIMessageStreamToResponse(res),
  '/text': (timing, trace, res) =>
    streamText({ model: modelV3(timing, trace), prompt: 'hi' }).pipeTextStreamToResponse(res),
  '/data': (timing, trace, res) =>
    streamTextV4({ model: modelV1(timing, trace), prompt: 'hi' }).pipeDataStreamToResponse(res),
};

// Stamps the first write after the model's first delta (the SDK writes its events in order, so
// that write carries the first text) and prints the request's line when the response ends.
function traceResponse(req, res, arrivedNs, trace) {
  const write = res.write;
  res.write = function (...args) {
    if (trace.deltaSent && trace.firstTokenWriteNs === undefined) trace.firstTokenWriteNs = process.hrtime.bigint();
    return write.apply(this, args);
  };
  res.on('finish', () => {
    const elapsedMs = (ns) => (ns === undefined ? null : Number(ns - arrivedNs) / 1e6);
    console.log(JSON.stringify({
      path: new URL(req.url, 'http://localhost').pathname,
      request_id: req.headers['x-request-id'] ?? null,
      model_called_ms: elapsedMs(trace.modelCalledNs),
      first_token_write_ms: elapsedMs(trace.firstTokenWriteNs),
    }));
  });
}

function reply(res, status, message) {
  res.writeHead(status, { 'content-type': 'text/plain' });
  res.end(`${message}\n`);
}

const server = http.createServer({ noDelay: true }, (req, res) => {
  const arrivedNs = process.hrtime.bigint();
  req.resume();  // the body is not used; drain it so the socket stays usable
  const url = new URL(req.url, 'http://localhost');
  const route = routes[url.pathname];
  if (!route) return reply(res, 404, `no route ${url.pathname}; routes: ${Object.keys(routes).join(' ')}`);
  let timing;
  try {
    timing = timingFrom(url);
  } catch (error) {
    return reply(res, 400, error.message);
  }
  const trace = { modelCalledNs: undefined, deltaSent: false, firstTokenWriteNs: undefined };
  traceResponse(req, res, arrivedNs, trace);
  route(timing, trace, res);
});

const port = Number(process.argv[2] ?? 0);
server.listen(port, '127.0.0.1', () => {
  console.log(`listening on http://127.0.0.1:${server.address().port}`);
});
