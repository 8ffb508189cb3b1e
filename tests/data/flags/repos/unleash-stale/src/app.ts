unleash.isEnabled("old-banner"); unleash.isEnabled("new-search"); unleash.isEnabled("kill-switch");
