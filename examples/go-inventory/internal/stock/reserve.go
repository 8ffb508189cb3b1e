// Package stock reserves items for orders.
package stock

import (
	"context"
	"fmt"

	"github.com/google/uuid"
	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/open-feature/go-sdk/openfeature"
)

const (
	flagReservationsV2 = "stock-reservations-v2"
	flagLowStockHooks  = "low-stock-webhooks"
)

// Service reserves stock; v2 keeps a running total on items.reserved.
type Service struct {
	db    *pgxpool.Pool
	flags *openfeature.Client
}

// NewService returns a Service using the pool and the flag client.
func NewService(db *pgxpool.Pool, flags *openfeature.Client) *Service {
	return &Service{db: db, flags: flags}
}

// Reserve holds quantity units of item for order.
func (s *Service) Reserve(ctx context.Context, warehouse string, item int64, order uuid.UUID, quantity int) error {
	evalCtx := openfeature.NewEvaluationContext(order.String(), map[string]any{"warehouse": warehouse})
	v2, _ := s.flags.BooleanValue(ctx, flagReservationsV2, false, evalCtx)
	if v2 {
		return s.reserveV2(ctx, item, order, quantity)
	}
	return s.reserveV1(ctx, item, order, quantity)
}

func (s *Service) reserveV1(ctx context.Context, item int64, order uuid.UUID, quantity int) error {
	_, err := s.db.Exec(ctx, `
		INSERT INTO reservations (item_id, order_id, quantity, expires_at)
		SELECT $1, $2, $3, now() + interval '15 minutes'
		 WHERE (SELECT on_hand FROM items WHERE id = $1)
		     - (SELECT COALESCE(SUM(quantity), 0) FROM reservations WHERE item_id = $1) >= $3`,
		item, order, quantity)
	return err
}

func (s *Service) reserveV2(ctx context.Context, item int64, order uuid.UUID, quantity int) error {
	tx, err := s.db.Begin(ctx)
	if err != nil {
		return err
	}
	defer tx.Rollback(ctx) //nolint:errcheck
	tag, err := tx.Exec(ctx,
		`UPDATE items SET reserved = reserved + $2 WHERE id = $1 AND on_hand - reserved >= $2`, item, quantity)
	if err != nil {
		return err
	}
	if tag.RowsAffected() == 0 {
		return fmt.Errorf("item %d: not enough stock for %d", item, quantity)
	}
	if _, err := tx.Exec(ctx,
		`INSERT INTO reservations (item_id, order_id, quantity, expires_at) VALUES ($1, $2, $3, now() + interval '15 minutes')`,
		item, order, quantity); err != nil {
		return err
	}
	s.notifyIfLow(ctx, item)
	return tx.Commit(ctx)
}

func (s *Service) notifyIfLow(ctx context.Context, item int64) {
	if on, _ := s.flags.BooleanValue(ctx, flagLowStockHooks, false, openfeature.EvaluationContext{}); !on {
		return
	}
	// webhook delivery lives in internal/hooks
}
