package drafts

// Schema creates the workflow tables; it is a workspace migration. Versions,
// sign-offs and events are the record: triggers refuse to change or remove
// them, as they do for the audit trail. The workspace gets its UUID here,
// which every sign-off statement names.
const Schema = `
INSERT OR IGNORE INTO settings(key, value) VALUES ('workspace.id',
	lower(hex(randomblob(4))) || '-' || lower(hex(randomblob(2))) || '-4' || substr(lower(hex(randomblob(2))), 2) || '-' ||
	substr('89ab', 1 + (abs(random()) % 4), 1) || substr(lower(hex(randomblob(2))), 2) || '-' || lower(hex(randomblob(6))));
CREATE TABLE channels (
	id         INTEGER PRIMARY KEY,
	name       TEXT NOT NULL UNIQUE,
	platform   TEXT NOT NULL,
	unit       TEXT NOT NULL,
	created_at TEXT NOT NULL
);
CREATE TABLE drafts (
	id              INTEGER PRIMARY KEY,
	title           TEXT NOT NULL,
	channel_id      INTEGER NOT NULL REFERENCES channels(id),
	grade           TEXT NOT NULL,
	kind            TEXT NOT NULL CHECK (kind IN ('original', 'repost')),
	source_name     TEXT NOT NULL DEFAULT '',
	source_title    TEXT NOT NULL DEFAULT '',
	source_url      TEXT NOT NULL DEFAULT '',
	author_id       INTEGER NOT NULL REFERENCES users(id),
	planned_at      TEXT NOT NULL DEFAULT '',
	status          TEXT NOT NULL,
	policy_id       INTEGER NOT NULL DEFAULT 0,
	round           INTEGER NOT NULL DEFAULT 0,
	step_index      INTEGER NOT NULL DEFAULT 0,
	step            TEXT NOT NULL DEFAULT '',
	assignee_id     INTEGER NOT NULL DEFAULT 0,
	current_version INTEGER NOT NULL DEFAULT 0,
	published_at    TEXT NOT NULL DEFAULT '',
	published_url   TEXT NOT NULL DEFAULT '',
	created_at      TEXT NOT NULL,
	updated_at      TEXT NOT NULL
);
CREATE INDEX drafts_queue   ON drafts (status, step, planned_at);
CREATE INDEX drafts_author  ON drafts (author_id, status, updated_at);
CREATE INDEX drafts_updated ON drafts (updated_at);
CREATE INDEX drafts_channel ON drafts (channel_id, updated_at);
CREATE TABLE versions (
	draft_id     INTEGER NOT NULL REFERENCES drafts(id),
	number       INTEGER NOT NULL,
	author_id    INTEGER NOT NULL REFERENCES users(id),
	created_at   TEXT NOT NULL,
	note         TEXT NOT NULL DEFAULT '',
	text         TEXT NOT NULL,
	file         BLOB NOT NULL,
	file_name    TEXT NOT NULL,
	report       TEXT NOT NULL,
	check_result TEXT NOT NULL,
	text_sm3     TEXT NOT NULL,
	file_sm3     TEXT NOT NULL,
	damaged      INTEGER NOT NULL DEFAULT 0,
	PRIMARY KEY (draft_id, number)
);
CREATE TABLE signoffs (
	id            INTEGER PRIMARY KEY,
	draft_id      INTEGER NOT NULL REFERENCES drafts(id),
	seq           INTEGER NOT NULL,
	round         INTEGER NOT NULL,
	version       INTEGER NOT NULL,
	step          TEXT NOT NULL,
	step_index    INTEGER NOT NULL,
	decision      TEXT NOT NULL,
	return_to     INTEGER NOT NULL DEFAULT -1,
	opinion       TEXT NOT NULL,
	signer_id     INTEGER NOT NULL REFERENCES users(id),
	key_id        INTEGER NOT NULL REFERENCES signing_keys(id),
	findings      TEXT NOT NULL,
	statement     TEXT NOT NULL,
	signature     TEXT NOT NULL,
	statement_sm3 TEXT NOT NULL,
	signed_at     TEXT NOT NULL,
	UNIQUE (draft_id, seq)
);
CREATE INDEX signoffs_signer ON signoffs (signer_id, draft_id);
CREATE TABLE draft_events (
	id       INTEGER PRIMARY KEY,
	draft_id INTEGER NOT NULL REFERENCES drafts(id),
	round    INTEGER NOT NULL,
	version  INTEGER NOT NULL,
	kind     TEXT NOT NULL,
	actor_id INTEGER NOT NULL REFERENCES users(id),
	step     TEXT NOT NULL DEFAULT '',
	target   TEXT NOT NULL DEFAULT '',
	reason   TEXT NOT NULL DEFAULT '',
	at       TEXT NOT NULL
);
CREATE INDEX draft_events_draft ON draft_events (draft_id, id);
CREATE TRIGGER versions_no_update BEFORE UPDATE ON versions
BEGIN SELECT RAISE(ABORT, 'versions cannot be changed'); END;
CREATE TRIGGER versions_no_delete BEFORE DELETE ON versions
BEGIN SELECT RAISE(ABORT, 'versions cannot be deleted'); END;
CREATE TRIGGER signoffs_no_update BEFORE UPDATE ON signoffs
BEGIN SELECT RAISE(ABORT, 'sign-offs cannot be changed'); END;
CREATE TRIGGER signoffs_no_delete BEFORE DELETE ON signoffs
BEGIN SELECT RAISE(ABORT, 'sign-offs cannot be deleted'); END;
CREATE TRIGGER draft_events_no_update BEFORE UPDATE ON draft_events
BEGIN SELECT RAISE(ABORT, 'draft events cannot be changed'); END;
CREATE TRIGGER draft_events_no_delete BEFORE DELETE ON draft_events
BEGIN SELECT RAISE(ABORT, 'draft events cannot be deleted'); END;
`

// CommentsSchema creates the comments (批注) on a draft's versions: a comment
// is made on a span of one version and, while open, anchored again on each
// later version at the place the diff maps it to (changed set when the
// commented text itself was changed). Replies thread under a comment
// through parent_id; only the one who opened a comment resolves it.
const CommentsSchema = `
CREATE TABLE comments (
	id          INTEGER PRIMARY KEY,
	draft_id    INTEGER NOT NULL REFERENCES drafts(id),
	parent_id   INTEGER NOT NULL DEFAULT 0,
	version     INTEGER NOT NULL,
	start_at    INTEGER NOT NULL DEFAULT 0,
	end_at      INTEGER NOT NULL DEFAULT 0,
	quote       TEXT NOT NULL DEFAULT '',
	body        TEXT NOT NULL,
	must        INTEGER NOT NULL DEFAULT 0,
	author_id   INTEGER NOT NULL REFERENCES users(id),
	created_at  TEXT NOT NULL,
	resolved_by INTEGER NOT NULL DEFAULT 0,
	resolved_at TEXT NOT NULL DEFAULT ''
);
CREATE INDEX comments_draft ON comments (draft_id, id);
CREATE TABLE comment_anchors (
	comment_id INTEGER NOT NULL REFERENCES comments(id),
	version    INTEGER NOT NULL,
	start_at   INTEGER NOT NULL,
	end_at     INTEGER NOT NULL,
	changed    INTEGER NOT NULL DEFAULT 0,
	PRIMARY KEY (comment_id, version)
);
CREATE TRIGGER comments_no_delete BEFORE DELETE ON comments
BEGIN SELECT RAISE(ABORT, 'comments cannot be deleted'); END;
CREATE TRIGGER comments_update_resolution_only BEFORE UPDATE ON comments
WHEN NEW.body IS NOT OLD.body OR NEW.quote IS NOT OLD.quote OR NEW.start_at IS NOT OLD.start_at
  OR NEW.end_at IS NOT OLD.end_at OR NEW.version IS NOT OLD.version OR NEW.author_id IS NOT OLD.author_id
  OR NEW.draft_id IS NOT OLD.draft_id OR NEW.parent_id IS NOT OLD.parent_id OR NEW.must IS NOT OLD.must
  OR NEW.created_at IS NOT OLD.created_at
BEGIN SELECT RAISE(ABORT, 'comments cannot be changed, only resolved'); END;
`
