# workerd config for worker.js. Nothing here leaves the machine: the Workers AI binding and the
# Worker's own fetch() both go to the `sim` service, `ttftbench serve` on loopback. The tests
# start it with the real ports:
#   workerd serve config.capnp --socket-addr http=127.0.0.1:0 \
#     --external-addr sim=127.0.0.1:SIM_PORT --control-fd 1
# (--control-fd 1 prints {"event":"listen","socket":"http","port":N} once it is listening.)
using Workerd = import "/workerd/workerd.capnp";

const config :Workerd.Config = (
  services = [
    (name = "benchmark", worker = .benchmarkWorker),
    (name = "sim", external = (address = "127.0.0.1:8080", http = ())),
  ],
  sockets = [(name = "http", address = "127.0.0.1:8787", http = (), service = "benchmark")],
  extensions = [(modules = [(name = "ttft-test:ai-binding", esModule = embed "ai-binding.js", internal = true)])],
);

const benchmarkWorker :Workerd.Worker = (
  modules = [(name = "worker.js", esModule = embed "worker.js")],
  compatibilityDate = "2025-09-01",
  bindings = [
    (name = "AI", wrapped = (moduleName = "ttft-test:ai-binding",
                             innerBindings = [(name = "backend", service = "sim")])),
    # The central provider's URL as the published Worker has it; globalOutbound sends it to `sim`.
    (name = "CENTRAL_URL", text = "https://api.openai.com/v1/chat/completions"),
  ],
  globalOutbound = "sim",
);
