// Package invoice computes invoice amounts.
package invoice

import (
	"context"
	"time"

	"github.com/open-feature/go-sdk/openfeature"
)

// Prorate returns the amount due for the part of the period that was used.
func Prorate(ctx context.Context, flags *openfeature.Client, customerID string, monthlyCents int64, from, to time.Time) int64 {
	evalCtx := openfeature.NewEvaluationContext(customerID, map[string]any{"customerId": customerID})
	if v2, _ := flags.BooleanValue(ctx, "proration-v2", false, evalCtx); v2 {
		// v2: by the second, in the customer's billing period
		period := to.AddDate(0, 1, 0).Sub(to)
		return monthlyCents * int64(to.Sub(from)) / int64(period)
	}
	days := int64(to.Sub(from).Hours() / 24)
	return monthlyCents * days / 30
}
