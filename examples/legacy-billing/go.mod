module github.com/example/billing

go 1.21

require (
	github.com/open-feature/go-sdk v1.11.0
	github.com/pressly/goose/v3 v3.21.1
)
