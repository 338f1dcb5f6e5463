// The simulator's streams for the protocols of docs/protocols.md, byte for byte over real HTTP on
// 127.0.0.1: completions, Responses, the AI SDK streams, Gemini, Ollama, llama.cpp and plain text,
// their headers, their mid-stream errors and HTTP error bodies, and each provider's output cap.
#include <catch2/catch.hpp>

#include "sim_fixture.hpp"

using ttft::test::HttpRequest;
using ttft::test::kGeminiPath;
using ttft::test::instant_request;
using ttft::test::perform;
using ttft::test::start_sim;

namespace {

// The body of a 3-token instant stream (6 input tokens, model "test-model") from a fresh server.
std::string stream_body(const std::string& path, std::vector<std::string> extra = {}) {
  auto server = start_sim();
  const auto response = perform(server->port(), instant_request(path, std::move(extra)));
  REQUIRE(response.code == CURLE_OK);
  REQUIRE(response.status == 200);
  return response.body;
}

bool ends_with(const std::string& text, const std::string& tail) {
  return text.size() >= tail.size() && text.compare(text.size() - tail.size(), tail.size(), tail) == 0;
}


}  // namespace

TEST_CASE("sim openai-completions stream is byte-exact") {
  const std::string prefix =
      R"(data: {"id":"cmpl-sim-000001","object":"text_completion","created":1767225600,"model":"test-model",)";
  const auto text = [&](const std::string& token, const std::string& finish) {
    return prefix + R"("choices":[{"text":")" + token + R"(","index":0,"logprobs":null,"finish_reason":)" +
           finish + R"(}],"usage":null})" + "\n\n";
  };
  CHECK(stream_body("/v1/completions") ==
        text("Hello", "null") + text(",", "null") + text(" world", "null") + text("", "\"stop\"") + prefix +
            R"("choices":[],"usage":{"prompt_tokens":6,"completion_tokens":3,"total_tokens":9}})" "\n\n"
            "data: [DONE]\n\n");
}

TEST_CASE("sim openai-responses stream is byte-exact") {
  const std::string in_progress =
      R"({"id":"resp_sim000001","object":"response","created_at":1767225600,"status":"in_progress",)"
      R"("model":"test-model","output":[],"usage":null})";
  const std::string at = R"("item_id":"msg_sim000001","output_index":0,"content_index":0,)";
  const std::string part = R"({"type":"output_text","text":"Hello, world","annotations":[]})";
  const std::string item = R"({"id":"msg_sim000001","type":"message","status":"completed","role":"assistant",)"
                           R"("content":[)" + part + "]}";
  const auto delta = [&](int sequence, const std::string& token) {
    return "event: response.output_text.delta\ndata: "
           R"({"type":"response.output_text.delta","sequence_number":)" + std::to_string(sequence) + "," +
           at + R"("delta":")" + token + R"(","logprobs":[]})" + "\n\n";
  };
  const std::string expected =
      "event: response.created\n"
      R"(data: {"type":"response.created","sequence_number":0,"response":)" + in_progress + "}\n\n"
      "event: response.in_progress\n"
      R"(data: {"type":"response.in_progress","sequence_number":1,"response":)" + in_progress + "}\n\n"
      "event: response.output_item.added\n"
      R"(data: {"type":"response.output_item.added","sequence_number":2,"output_index":0,"item":)"
      R"({"id":"msg_sim000001","type":"message","status":"in_progress","role":"assistant","content":[]}})" "\n\n"
      "event: response.content_part.added\n"
      R"(data: {"type":"response.content_part.added","sequence_number":3,)" + at +
      R"("part":{"type":"output_text","text":"","annotations":[]}})" "\n\n" +
      delta(4, "Hello") + delta(5, ",") + delta(6, " world") +
      "event: response.output_text.done\n"
      R"(data: {"type":"response.output_text.done","sequence_number":7,)" + at +
      R"("text":"Hello, world","logprobs":[]})" "\n\n"
      "event: response.content_part.done\n"
      R"(data: {"type":"response.content_part.done","sequence_number":8,)" + at + R"("part":)" + part + "}\n\n"
      "event: response.output_item.done\n"
      R"(data: {"type":"response.output_item.done","sequence_number":9,"output_index":0,"item":)" + item + "}\n\n"
      "event: response.completed\n"
      R"(data: {"type":"response.completed","sequence_number":10,"response":{"id":"resp_sim000001",)"
      R"("object":"response","created_at":1767225600,"status":"completed","model":"test-model","output":[)" +
      item + R"(],"usage":{"input_tokens":6,"input_tokens_details":{"cached_tokens":0},"output_tokens":3,)"
      R"("output_tokens_details":{"reasoning_tokens":0},"total_tokens":9}}})" "\n\n";
  CHECK(stream_body("/v1/responses") == expected);
}

TEST_CASE("sim vercel-ui stream is byte-exact") {
  CHECK(stream_body("/api/chat/ui") ==
        "data: {\"type\":\"start\",\"messageId\":\"msg-sim000001\"}\n\n"
        "data: {\"type\":\"start-step\"}\n\n"
        "data: {\"type\":\"text-start\",\"id\":\"txt-0\"}\n\n"
        "data: {\"type\":\"text-delta\",\"id\":\"txt-0\",\"delta\":\"Hello\"}\n\n"
        "data: {\"type\":\"text-delta\",\"id\":\"txt-0\",\"delta\":\",\"}\n\n"
        "data: {\"type\":\"text-delta\",\"id\":\"txt-0\",\"delta\":\" world\"}\n\n"
        "data: {\"type\":\"text-end\",\"id\":\"txt-0\"}\n\n"
        "data: {\"type\":\"finish-step\"}\n\n"
        "data: {\"type\":\"finish\",\"finishReason\":\"stop\"}\n\n"
        "data: [DONE]\n\n");
}

TEST_CASE("sim vercel-data stream is byte-exact") {
  CHECK(stream_body("/api/chat/data") ==
        "f:{\"messageId\":\"msg-sim000001\"}\n"
        "0:\"Hello\"\n0:\",\"\n0:\" world\"\n"
        "e:{\"finishReason\":\"stop\",\"usage\":{\"promptTokens\":6,\"completionTokens\":3},\"isContinued\":false}\n"
        "d:{\"finishReason\":\"stop\",\"usage\":{\"promptTokens\":6,\"completionTokens\":3}}\n");
}

TEST_CASE("sim gemini stream is byte-exact, with CRLF and running usage") {
  const auto chunk = [](const std::string& token, int sent, const std::string& finish) {
    return R"(data: {"candidates":[{"content":{"parts":[{"text":")" + token + R"("}],"role":"model"},)" +
           finish + R"("index":0}],"usageMetadata":{"promptTokenCount":6,"candidatesTokenCount":)" +
           std::to_string(sent) + R"(,"totalTokenCount":)" + std::to_string(6 + sent) +
           R"(},"modelVersion":"test-model","responseId":"sim-000001"})" + "\r\n\r\n";
  };
  CHECK(stream_body(kGeminiPath) ==
        chunk("Hello", 1, "") + chunk(",", 2, "") + chunk(" world", 3, R"("finishReason":"STOP",)"));
}

TEST_CASE("sim ollama stream is byte-exact NDJSON") {
  const std::string head =
      R"({"model":"test-model","created_at":"2026-01-01T00:00:00Z","message":{"role":"assistant","content":)";
  CHECK(stream_body("/api/chat") ==
        head + R"("Hello"},"done":false})" "\n" + head + R"(","},"done":false})" "\n" + head +
            R"(" world"},"done":false})" "\n" + head +
            R"(""},"done_reason":"stop","done":true,"total_duration":33600000,"load_duration":2100000,)"
            R"("prompt_eval_count":6,"prompt_eval_duration":1500000,"eval_count":3,"eval_duration":30000000})" "\n");
}

TEST_CASE("sim llama-cpp stream is byte-exact, stop:true and no [DONE]") {
  const auto token = [](const std::string& text, int predicted) {
    return R"(data: {"index":0,"content":")" + text + R"(","tokens":[],"stop":false,"id_slot":0,"tokens_predicted":)" +
           std::to_string(predicted) + R"(,"tokens_evaluated":6})" + "\n\n";
  };
  CHECK(stream_body("/completion") ==
        token("Hello", 1) + token(",", 2) + token(" world", 3) +
            R"(data: {"index":0,"content":"","tokens":[],"id_slot":0,"stop":true,"model":"test-model",)"
            R"("tokens_predicted":3,"tokens_evaluated":6,"stop_type":"eos","stopping_word":"","tokens_cached":9,)"
            R"("timings":{"prompt_n":6,"prompt_ms":1.5,"prompt_per_token_ms":0.25,"prompt_per_second":4000.0,)"
            R"("predicted_n":3,"predicted_ms":30.0,"predicted_per_token_ms":10.0,"predicted_per_second":100.0}})"
            "\n\n");
}

TEST_CASE("sim text stream is the tokens' bytes and nothing else") {
  CHECK(stream_body("/api/chat/text") == "Hello, world");
}

TEST_CASE("sim streams carry each protocol's content type and headers") {
  auto server = start_sim();
  struct Case {
    const char* path;
    const char* content_type;
  };
  for (const Case& c : {Case{"/api/chat", "application/x-ndjson"}, Case{"/api/chat/ui", "text/event-stream"},
                        Case{"/api/chat/data", "text/plain; charset=utf-8"},
                        Case{"/api/chat/text", "text/plain; charset=utf-8"},
                        Case{"/completion", "text/event-stream"}, Case{"/v1/responses", "text/event-stream"},
                        Case{"/v1/completions", "text/event-stream"}}) {
    INFO(c.path);
    const auto response = perform(server->port(), instant_request(c.path));
    CHECK(response.header("Content-Type") == c.content_type);
    CHECK(response.header("Cache-Control") == "no-cache");
  }
  const auto gemini = perform(server->port(), instant_request(kGeminiPath));
  CHECK(gemini.header("Content-Type") == "text/event-stream");
  const auto ui = perform(server->port(), instant_request("/api/chat/ui"));
  CHECK(ui.header("x-vercel-ai-ui-message-stream") == "v1");
  CHECK(ui.header("x-accel-buffering") == "no");
  const auto data = perform(server->port(), instant_request("/api/chat/data"));
  CHECK(data.header("x-vercel-ai-data-stream") == "v1");
  CHECK(perform(server->port(), instant_request("/api/chat")).header("x-vercel-ai-data-stream").empty());
}

TEST_CASE("sim stream-error fault: each protocol's own error after half the tokens") {
  struct Case {
    std::string path;
    std::string tail;
  };
  const std::string message = "The server had an error while processing your request.";
  const Case cases[] = {
      {"/v1/completions", R"(data: {"error":{"message":")" + message +
                              R"(","type":"server_error","param":null,"code":null}})" "\n\n"},
      {"/v1/responses",
       "event: error\n"
       R"(data: {"type":"error","sequence_number":5,"error":{"type":"server_error","code":"server_error",)"
       R"("message":")" + message + R"(","param":null}})" "\n\n"
       "event: response.failed\n"
       R"(data: {"type":"response.failed","sequence_number":6,"response":{"id":"resp_sim000001",)"
       R"("object":"response","created_at":1767225600,"status":"failed","error":{"code":"server_error",)"
       R"("message":")" + message + R"("},"model":"test-model","output":[],"usage":null}})" "\n\n"},
      {"/api/chat/ui", "data: {\"type\":\"text-delta\",\"id\":\"txt-0\",\"delta\":\"Hello\"}\n\n"
                       "data: {\"type\":\"error\",\"errorText\":\"An error occurred.\"}\n\ndata: [DONE]\n\n"},
      {"/api/chat/data", "0:\"Hello\"\n3:\"An error occurred.\"\n"},
      {kGeminiPath, R"(data: {"error":{"code":503,"message":"The model is overloaded. Please try again later.",)"
                    R"("status":"UNAVAILABLE"}})" "\r\n\r\n"},
      {"/api/chat", R"({"error":"an error was encountered while running the model: unexpected EOF"})" "\n"},
      {"/completion", R"(error: {"code":500,"message":")" + message + R"(","type":"server_error"})" "\n\n"},
  };
  for (const Case& c : cases) {
    INFO(c.path);
    const std::string body = stream_body(c.path, {"x-sim-fault: stream-error"});
    CHECK(ends_with(body, c.tail));
    CHECK(body.find(" world") == std::string::npos);  // token 3 of 3 never sent
  }
  // Plain text has no error format: the fault sends half the tokens and ends the body.
  CHECK(stream_body("/api/chat/text", {"x-sim-fault: stream-error"}) == "Hello");
}

TEST_CASE("sim HTTP error bodies in Google's, Ollama's and llama.cpp's shapes") {
  auto server = start_sim();
  const auto gemini = perform(server->port(), instant_request(kGeminiPath, {"x-sim-fault: http-429"}));
  CHECK(gemini.status == 429);
  CHECK(gemini.body ==
        R"({"error":{"code":429,"message":"Rate limit reached for requests","status":"RESOURCE_EXHAUSTED"}})");
  const auto ollama = perform(server->port(), instant_request("/api/chat", {"x-sim-fault: http-500"}));
  CHECK(ollama.status == 500);
  CHECK(ollama.body == R"({"error":"The server had an error processing your request"})");
  const auto llama = perform(server->port(), instant_request("/completion", {"x-sim-fault: http-503"}));
  CHECK(llama.body ==
        R"({"error":{"code":503,"message":"The engine is currently overloaded","type":"unavailable_error"}})");
  const auto responses = perform(server->port(), instant_request("/v1/responses", {"x-sim-fault: http-429"}));
  CHECK(responses.body.find(R"({"error":{"message":"Rate limit reached for requests","type":"requests",)") == 0);
}

TEST_CASE("sim reads the output cap under each provider's name") {
  auto server = start_sim();
  const auto capped = [&](const std::string& path, const std::string& body) {
    auto request = instant_request(path);
    request.body = body;
    const auto response = perform(server->port(), request);
    REQUIRE(response.status == 200);
    return response.body;
  };
  CHECK(capped("/completion", R"({"prompt":"hi","n_predict":2})").find(R"("stop_type":"limit")") != std::string::npos);
  CHECK(capped("/completion", R"({"prompt":"hi","n_predict":-1})").find(R"("tokens_predicted":3,)") !=
        std::string::npos);
  CHECK(capped("/api/chat", R"({"messages":[],"options":{"num_predict":2}})").find(R"("done_reason":"length")") !=
        std::string::npos);
  CHECK(capped("/api/chat", R"({"messages":[],"options":{"num_predict":-1}})").find(R"("eval_count":3,)") !=
        std::string::npos);
  CHECK(capped(kGeminiPath, R"({"contents":[],"generationConfig":{"maxOutputTokens":2}})")
            .find(R"("finishReason":"MAX_TOKENS")") != std::string::npos);
  const std::string incomplete = capped("/v1/responses", R"({"input":"hi","max_output_tokens":2})");
  CHECK(incomplete.find("event: response.incomplete\n") != std::string::npos);
  CHECK(incomplete.find(R"("incomplete_details":{"reason":"max_output_tokens"})") != std::string::npos);

  auto bad = instant_request("/api/chat/data");
  bad.body = R"({"max_output_tokens":-1})";
  CHECK(perform(server->port(), bad).status == 400);
}

TEST_CASE("sim counts input in Responses input, Gemini contents and AI SDK 5 parts") {
  auto server = start_sim();
  const auto prompt_tokens = [&](const std::string& path, const std::string& body, const std::string& needle) {
    auto request = instant_request(path);
    request.body = body;
    return perform(server->port(), request).body.find(needle) != std::string::npos;
  };
  // 8 characters → 2 tokens; 16 → 4.
  CHECK(prompt_tokens("/v1/responses", R"({"input":"abcdefgh"})", R"("input_tokens":2,)"));
  CHECK(prompt_tokens("/v1/responses", R"({"input":[{"role":"user","content":"abcdefgh"}]})", R"("input_tokens":2,)"));
  CHECK(prompt_tokens(kGeminiPath,
                      R"({"systemInstruction":{"parts":[{"text":"abcd"}]},"contents":[{"role":"user",)"
                      R"("parts":[{"text":"abcd"},{"text":"abcdefgh"}]}]})",
                      R"("promptTokenCount":4,)"));
  // AI SDK 4 messages have content and parts: counted once.
  CHECK(prompt_tokens("/api/chat/data",
                      R"({"messages":[{"role":"user","content":"abcdefgh",)"
                      R"("parts":[{"type":"text","text":"abcdefgh"}]}]})",
                      R"("promptTokens":2,)"));
}
