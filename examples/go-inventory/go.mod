module github.com/example/inventory

go 1.22

require (
	github.com/golang-migrate/migrate/v4 v4.17.1
	github.com/jackc/pgx/v5 v5.6.0
	github.com/open-feature/go-sdk v1.11.0
	github.com/open-feature/go-sdk-contrib/providers/flagd v0.2.0
)
