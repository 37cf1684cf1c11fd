package drafts

import (
	"context"
	"fmt"

	"shenfa/review/policy"
)

// Stored is a review policy as the workspace keeps it: a version with an id.
type Stored struct {
	id policy.ID
	*policy.Policy
}

// ID is the stored version's id.
func (s Stored) ID() int64 { return int64(s.id) }

// Name is the policy's name.
func (s Stored) Name() string { return s.Policy.Name }

// Version is the policy's version.
func (s Stored) Version() string { return s.Policy.Version }

// Of returns the review/policy form of a workflow policy, when it has one.
func Of(p Policy) (*policy.Policy, bool) {
	s, ok := p.(Stored)
	return s.Policy, ok
}

// WorkspacePolicies serves the policies stored in the workspace (review/policy).
type WorkspacePolicies struct{}

// Current is the policy in force.
func (WorkspacePolicies) Current(ctx context.Context, q Querier) (Policy, error) {
	id, p, err := policy.Current(ctx, q)
	if err != nil {
		return nil, fmt.Errorf("current review policy: %w", err)
	}
	return Stored{id, p}, nil
}

// Load is a stored policy by id.
func (WorkspacePolicies) Load(ctx context.Context, q Querier, id int64) (Policy, error) {
	p, err := policy.Load(ctx, q, policy.ID(id))
	if err != nil {
		return nil, fmt.Errorf("review policy %d: %w", id, err)
	}
	return Stored{policy.ID(id), p}, nil
}
