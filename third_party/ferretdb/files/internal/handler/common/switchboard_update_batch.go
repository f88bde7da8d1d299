package common

import (
	"context"

	"github.com/FerretDB/FerretDB/internal/backends"
	"github.com/FerretDB/FerretDB/internal/types"
	"github.com/FerretDB/FerretDB/internal/util/lazyerrors"
)

// updateBatch gathers an update's modified documents and writes them in one transaction per 1,000
// (added by Switchboard's build: one transaction per document cost a WAL sync each).
type updateBatch struct {
	c    backends.Collection
	docs []*types.Document
}

func (b *updateBatch) add(ctx context.Context, doc *types.Document) error {
	b.docs = append(b.docs, doc)
	if len(b.docs) >= 1000 {
		return b.flush(ctx)
	}
	return nil
}

func (b *updateBatch) flush(ctx context.Context) error {
	if len(b.docs) == 0 {
		return nil
	}
	docs := b.docs
	b.docs = nil
	if _, err := b.c.UpdateAll(ctx, &backends.UpdateAllParams{Docs: docs}); err != nil {
		return lazyerrors.Error(err)
	}
	return nil
}

// UpdateDocument iterates through documents from iter and updates them based on param; see updateDocumentBatched.
func UpdateDocument(ctx context.Context, c backends.Collection, cmd string, iter types.DocumentsIterator, param *Update) (*UpdateResult, error) { //nolint:lll // for readability
	batch := &updateBatch{c: c}
	result, err := updateDocumentBatched(ctx, c, batch, cmd, iter, param)
	if flushErr := batch.flush(ctx); flushErr != nil && err == nil {
		return nil, flushErr
	}
	return result, err
}
