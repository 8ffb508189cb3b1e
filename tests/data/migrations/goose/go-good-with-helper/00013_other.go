package migrations

// no registration here: a helper in a versioned file name
func helper() {}
