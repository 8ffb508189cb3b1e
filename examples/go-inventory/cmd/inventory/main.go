// Command inventory serves stock levels and reservations over gRPC.
package main

import (
	"context"
	"log"
	"os"

	"github.com/jackc/pgx/v5/pgxpool"
	flagd "github.com/open-feature/go-sdk-contrib/providers/flagd/pkg"
	"github.com/open-feature/go-sdk/openfeature"

	"github.com/example/inventory/internal/stock"
)

func main() {
	ctx := context.Background()
	if err := openfeature.SetProviderAndWait(flagd.NewProvider()); err != nil {
		log.Fatalf("flagd: %v", err)
	}
	pool, err := pgxpool.New(ctx, os.Getenv("DATABASE_URL"))
	if err != nil {
		log.Fatalf("database: %v", err)
	}
	defer pool.Close()

	svc := stock.NewService(pool, openfeature.NewClient("inventory"))
	log.Fatal(svc.Serve(ctx, ":9090"))
}
