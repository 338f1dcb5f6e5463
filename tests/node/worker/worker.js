// The Worker of the published edge-vs-central benchmark: a POST with a JSON body whose `mode`
// picks the path. edge: stream from the Workers AI binding (env.AI). central: call an
// OpenAI-style API with fetch() and stream its SSE body straight through.
// The x-sim-* test headers and X-Request-Id are passed on, so the simulator behind either path
// can be told its delays and its log matched with the client's samples.
const kEdgeModel = '@cf/meta/llama-3.1-8b-instruct-fast';
const kCentralModel = 'gpt-4o-mini';

function passedOn(headers) {
  const kept = {};
  for (const [name, value] of headers) {
    if (name.startsWith('x-sim-') || name === 'x-request-id') kept[name] = value;
  }
  return kept;
}

function failure(status, message) {
  return new Response(JSON.stringify({ error: message }), {
    status,
    headers: { 'content-type': 'application/json' },
  });
}

async function edge(body, headers, env) {
  const inputs = { messages: body.messages, max_tokens: body.max_tokens, stream: true };
  const stream = await env.AI.run(kEdgeModel, inputs, { extraHeaders: headers });
  return new Response(stream, { headers: { 'content-type': 'text/event-stream' } });
}

async function central(body, headers, env) {
  const upstream = await fetch(env.CENTRAL_URL, {
    method: 'POST',
    headers: { ...headers, 'content-type': 'application/json' },
    body: JSON.stringify({
      model: kCentralModel,
      messages: body.messages,
      max_tokens: body.max_tokens,
      stream: true,
      stream_options: { include_usage: true },
    }),
  });
  return new Response(upstream.body, { status: upstream.status, headers: upstream.headers });
}

export default {
  async fetch(request, env) {
    if (request.method !== 'POST') return failure(405, 'POST a JSON body with "mode": "edge" or "central"');
    let body;
    try {
      body = await request.json();
    } catch {
      return failure(400, 'the request body is not JSON');
    }
    const headers = passedOn(request.headers);
    try {
      if (body.mode === 'edge') return await edge(body, headers, env);
      if (body.mode === 'central') return await central(body, headers, env);
    } catch (error) {
      return failure(502, String(error));
    }
    return failure(400, `"mode" must be "edge" or "central", got ${JSON.stringify(body.mode)}`);
  },
};
