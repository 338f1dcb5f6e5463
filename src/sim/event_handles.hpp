// Owners for the libevent handles the simulator creates (event_base, evhttp, event, evbuffer,
// event_config): std::unique_ptr with a deleter calling the matching *_free; movable, not copyable.
#pragma once

#include <memory>

#include <event2/buffer.h>
#include <event2/event.h>
#include <event2/http.h>

namespace ttft::sim {

struct EventBaseFree {
  void operator()(event_base* base) const noexcept { event_base_free(base); }
};
struct EvhttpFree {
  void operator()(evhttp* http) const noexcept { evhttp_free(http); }
};
struct EventFree {
  void operator()(event* ev) const noexcept { event_free(ev); }
};
struct EvbufferFree {
  void operator()(evbuffer* buffer) const noexcept { evbuffer_free(buffer); }
};
struct EventConfigFree {
  void operator()(event_config* config) const noexcept { event_config_free(config); }
};

using EventBasePtr = std::unique_ptr<event_base, EventBaseFree>;
using EvhttpPtr = std::unique_ptr<evhttp, EvhttpFree>;
using EventPtr = std::unique_ptr<event, EventFree>;
using EvbufferPtr = std::unique_ptr<evbuffer, EvbufferFree>;
using EventConfigPtr = std::unique_ptr<event_config, EventConfigFree>;

}  // namespace ttft::sim
