ld.variation("new-checkout", user, false)
