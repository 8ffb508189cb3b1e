# Feature flags are served by the flagd sidecar; see flags/flags.flagd.json.
require "open_feature/sdk"
require "openfeature/flagd/provider"

OpenFeature::SDK.configure do |config|
  config.set_provider(
    OpenFeature::Flagd::Provider.build_client do |client|
      client.host = ENV.fetch("FLAGD_HOST", "localhost")
      client.port = Integer(ENV.fetch("FLAGD_PORT", "8013"))
    end
  )
end
