// --export KIND=URL: kinds, URL checks, ${VAR} substitution and the redacted URL shown everywhere.
#include <catch2/catch.hpp>

#include "support/fake_env.hpp"
#include "telemetry/destination.hpp"

using ttft::telemetry::ExportKind;
using ttft::telemetry::parse_destination;
using ttft::test::fake_env;

TEST_CASE("parse_destination reads the three kinds") {
  const auto env = fake_env({});
  CHECK(parse_destination("prometheus-rw=http://127.0.0.1:9090/api/v1/write", env)->kind == ExportKind::prometheus_rw);
  CHECK(parse_destination("pushgateway=http://127.0.0.1:9091", env)->kind == ExportKind::pushgateway);
  const auto otlp = parse_destination("otlp=https://collector:4318/v1/metrics", env);
  REQUIRE(otlp);
  CHECK(otlp->kind == ExportKind::otlp);
  CHECK(otlp->url == "https://collector:4318/v1/metrics");
  CHECK(otlp->shown_url == otlp->url);
}

TEST_CASE("parse_destination refuses a bad kind, a missing =, a URL that is not http and an unset variable") {
  const auto env = fake_env({});
  for (const std::string spec : {"prom=http://x", "http://x", "otlp=ftp://x/v1/metrics", "otlp=http://", "otlp=${NOPE}/v1"}) {
    INFO(spec);
    const auto parsed = parse_destination(spec, env);
    REQUIRE_FALSE(parsed);
    CHECK(parsed.error().where == "--export");
  }
  CHECK(parse_destination("otlp=${NOPE}/v1", env).error().message.find("NOPE") != std::string::npos);
}

TEST_CASE("parse_destination substitutes ${VAR} and shows the URL with the value and any password redacted") {
  const auto env = fake_env({{"TOKEN", "s3cret-token"}, {"HOST", "127.0.0.1:4318"}});
  const auto d = parse_destination("otlp=http://user:pw@${HOST}/v1/metrics?key=${TOKEN}", env);
  REQUIRE(d);
  CHECK(d->url == "http://user:pw@127.0.0.1:4318/v1/metrics?key=s3cret-token");
  CHECK(d->shown_url.find("s3cret-token") == std::string::npos);
  CHECK(d->shown_url.find("pw@") == std::string::npos);
  CHECK(d->shown_url == "http://user:***@***/v1/metrics?key=***");
  const auto secrets = ttft::telemetry::secrets_of({*d});
  CHECK(std::find(secrets.begin(), secrets.end(), "s3cret-token") != secrets.end());
  CHECK(std::find(secrets.begin(), secrets.end(), "pw") != secrets.end());
}
