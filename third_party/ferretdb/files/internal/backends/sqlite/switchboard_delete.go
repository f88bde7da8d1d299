package sqlite

import (
	"context"

	"github.com/FerretDB/FerretDB/internal/backends"
)

// DeleteAll implements backends.Collection interface: deleteAllOnce for every 1,000 ids (added by Switchboard's build).
func (c *collection) DeleteAll(ctx context.Context, params *backends.DeleteAllParams) (*backends.DeleteAllResult, error) {
	const chunk = 1000
	total := new(backends.DeleteAllResult)
	for from := 0; from < max(len(params.IDs), len(params.RecordIDs)) || from == 0; from += chunk {
		part := new(backends.DeleteAllParams)
		if params.RecordIDs == nil {
			part.IDs = params.IDs[from:min(from+chunk, len(params.IDs))]
		} else {
			part.RecordIDs = params.RecordIDs[from:min(from+chunk, len(params.RecordIDs))]
		}
		res, err := c.deleteAllOnce(ctx, part)
		if err != nil {
			return nil, err
		}
		total.Deleted += res.Deleted
	}
	return total, nil
}
