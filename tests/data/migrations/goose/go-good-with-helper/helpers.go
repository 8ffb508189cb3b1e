package migrations

func notice(msg string) {}
