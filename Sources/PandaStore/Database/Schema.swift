/// Panda's schema, as an ordered list of migrations.
///
/// Conventions: timestamps are INTEGER milliseconds since 1970 (UTC); account-owned rows carry the
/// account's username; lists that are only displayed (contacts, CIDRs) are stored as text.
public enum Schema {
    public static let migrations: [Migration] = [
        Migration(
            version: 1,
            sql: """
                CREATE TABLE institutions (
                    id TEXT PRIMARY KEY,
                    name TEXT NOT NULL,
                    time_zone TEXT NOT NULL,
                    contacts TEXT NOT NULL DEFAULT '',
                    created_at INTEGER NOT NULL
                );
                CREATE TABLE accounts (
                    username TEXT PRIMARY KEY,
                    institution_id TEXT NOT NULL REFERENCES institutions(id),
                    environment TEXT NOT NULL CHECK (environment IN ('test', 'production')),
                    folder_outbound TEXT NOT NULL,
                    folder_archive TEXT NOT NULL,
                    folder_inbound TEXT NOT NULL,
                    folder_validate TEXT NOT NULL,
                    folder_results TEXT NOT NULL,
                    publish_at TEXT NOT NULL,
                    deadline TEXT NOT NULL,
                    days TEXT NOT NULL,
                    time_zone TEXT,
                    webhook_url TEXT,
                    webhook_secret TEXT,
                    notify_emails TEXT NOT NULL DEFAULT '',
                    digest INTEGER NOT NULL DEFAULT 0,
                    settle_seconds INTEGER,
                    threshold_percent INTEGER NOT NULL,
                    max_file_size INTEGER NOT NULL,
                    quota INTEGER NOT NULL,
                    max_files_per_day INTEGER NOT NULL,
                    retention_days INTEGER NOT NULL,
                    max_sessions INTEGER NOT NULL,
                    created_at INTEGER NOT NULL,
                    UNIQUE (institution_id, environment)
                );
                CREATE TABLE public_keys (
                    id INTEGER PRIMARY KEY,
                    account TEXT NOT NULL REFERENCES accounts(username),
                    algorithm TEXT NOT NULL,
                    bits INTEGER NOT NULL,
                    fingerprint TEXT NOT NULL,
                    key_data TEXT NOT NULL,
                    comment TEXT NOT NULL DEFAULT '',
                    created_at INTEGER NOT NULL,
                    expires_at INTEGER,
                    allowed_sources TEXT NOT NULL DEFAULT '',
                    last_used_at INTEGER,
                    revoked_at INTEGER
                );
                CREATE UNIQUE INDEX public_keys_active ON public_keys (account, fingerprint)
                    WHERE revoked_at IS NULL;
                CREATE INDEX public_keys_by_fingerprint ON public_keys (fingerprint);
                CREATE TABLE roster (
                    account TEXT NOT NULL REFERENCES accounts(username),
                    student_id TEXT NOT NULL,
                    added_at INTEGER NOT NULL,
                    PRIMARY KEY (account, student_id)
                );
                -- Every student ever on an account's roster: manual imports may change only these
                -- (or students already in the records).
                CREATE TABLE known_students (
                    account TEXT NOT NULL REFERENCES accounts(username),
                    student_id TEXT NOT NULL,
                    first_listed_at INTEGER NOT NULL,
                    PRIMARY KEY (account, student_id)
                );
                CREATE TABLE audit_log (
                    id INTEGER PRIMARY KEY,
                    at INTEGER NOT NULL,
                    account TEXT,
                    actor TEXT NOT NULL,
                    event TEXT NOT NULL,
                    address TEXT,
                    detail TEXT NOT NULL DEFAULT ''
                );
                CREATE INDEX audit_log_by_account ON audit_log (account, id);
                -- The intake queue: every completed upload, in order; the importer takes 'queued' rows.
                CREATE TABLE uploads (
                    id INTEGER PRIMARY KEY,
                    account TEXT NOT NULL REFERENCES accounts(username),
                    folder TEXT NOT NULL CHECK (folder IN ('inbound', 'validate')),
                    name TEXT NOT NULL,
                    size INTEGER NOT NULL,
                    sha256 TEXT NOT NULL,
                    uploaded_at INTEGER NOT NULL,
                    status TEXT NOT NULL,
                    status_at INTEGER NOT NULL
                );
                CREATE INDEX uploads_by_status ON uploads (account, status, folder, name);
                CREATE INDEX uploads_by_time ON uploads (account, uploaded_at);
                -- Each publication of students.csv (the archive copy is named by its local date).
                CREATE TABLE publications (
                    id INTEGER PRIMARY KEY,
                    account TEXT NOT NULL REFERENCES accounts(username),
                    local_date TEXT NOT NULL,
                    published_at INTEGER NOT NULL,
                    students INTEGER NOT NULL,
                    sha256 TEXT NOT NULL
                );
                CREATE INDEX publications_by_account ON publications (account, id);
                -- Failed logins per address and the bans they triggered (`panda ban list|remove`).
                CREATE TABLE login_failures (
                    address TEXT NOT NULL,
                    at INTEGER NOT NULL
                );
                CREATE INDEX login_failures_by_address ON login_failures (address, at);
                CREATE TABLE address_bans (
                    address TEXT PRIMARY KEY,
                    until INTEGER NOT NULL,
                    duration_ms INTEGER NOT NULL,
                    count INTEGER NOT NULL,
                    banned_at INTEGER NOT NULL
                );
                -- Days without a cycle: single holidays and pause windows (e.g. the summer break).
                CREATE TABLE holidays (
                    account TEXT NOT NULL REFERENCES accounts(username),
                    day TEXT NOT NULL,
                    PRIMARY KEY (account, day)
                );
                CREATE TABLE pauses (
                    account TEXT NOT NULL REFERENCES accounts(username),
                    first_day TEXT NOT NULL,
                    last_day TEXT NOT NULL,
                    PRIMARY KEY (account, first_day)
                );
                -- What the running server tells the CLI (public host, SFTP port), so `account show`
                -- prints how to connect even from another process.
                CREATE TABLE server_settings (
                    key TEXT PRIMARY KEY,
                    value TEXT NOT NULL
                );
                """),
        Migration(
            version: 2,
            sql: """
                -- The file ledger: every file the importer handled (uploads, dry runs, manual imports),
                -- with its content hash, outcome, counts and report names. Written in the same
                -- transaction as the records a file changes, so a file is applied once or not at all.
                CREATE TABLE files (
                    id INTEGER PRIMARY KEY,
                    account TEXT NOT NULL REFERENCES accounts(username),
                    upload_id INTEGER UNIQUE REFERENCES uploads(id),
                    source TEXT NOT NULL CHECK (source IN ('inbound', 'validate', 'manual')),
                    scope TEXT NOT NULL CHECK (scope IN ('roster', 'known')),
                    name TEXT NOT NULL,
                    type TEXT,
                    sha256 TEXT NOT NULL,
                    size INTEGER NOT NULL,
                    uploaded_at INTEGER NOT NULL,
                    processed_at INTEGER NOT NULL,
                    cycle_day TEXT NOT NULL,
                    status TEXT NOT NULL CHECK (status IN ('processed', 'processed_with_errors', 'rejected', 'held',
                        'discarded', 'duplicate', 'superseded', 'dry_run')),
                    rows_read INTEGER NOT NULL DEFAULT 0,
                    rows_created INTEGER NOT NULL DEFAULT 0,
                    rows_updated INTEGER NOT NULL DEFAULT 0,
                    rows_unchanged INTEGER NOT NULL DEFAULT 0,
                    rows_skipped INTEGER NOT NULL DEFAULT 0,
                    rows_rejected INTEGER NOT NULL DEFAULT 0,
                    error_count INTEGER NOT NULL DEFAULT 0,
                    active_students INTEGER NOT NULL DEFAULT 0,
                    deactivated INTEGER NOT NULL DEFAULT 0,
                    memberships_ended INTEGER NOT NULL DEFAULT 0,
                    students_losing_memberships INTEGER NOT NULL DEFAULT 0,
                    threshold_percent INTEGER NOT NULL DEFAULT 0,
                    file_error_code TEXT,
                    file_error_message TEXT,
                    file_error_line INTEGER,
                    duplicate_of INTEGER REFERENCES files(id),
                    kept_name TEXT,
                    summary_name TEXT,
                    errors_name TEXT,
                    errors_spool TEXT,
                    decided_by TEXT,
                    decided_at INTEGER,
                    -- 0 until the kept copy and the reports are on disk; start-up finishes what a crash left.
                    finalized INTEGER NOT NULL DEFAULT 0
                );
                CREATE INDEX files_by_account ON files (account, id);
                CREATE INDEX files_unfinalized ON files (id) WHERE finalized = 0;
                -- What the importer polls for: queued uploads per account, superseded ones not recorded yet.
                CREATE INDEX uploads_queued ON uploads (account, uploaded_at) WHERE status = 'queued';
                CREATE INDEX uploads_superseded ON uploads (account, id) WHERE status = 'superseded';
                CREATE INDEX files_by_name ON files (account, name, id);
                CREATE INDEX files_by_content ON files (account, sha256);
                -- The first row errors of each file (the errors CSV in results/ has all of them).
                CREATE TABLE file_errors (
                    file_id INTEGER NOT NULL REFERENCES files(id),
                    position INTEGER NOT NULL,
                    line INTEGER NOT NULL,
                    code TEXT NOT NULL,
                    field TEXT,
                    message TEXT NOT NULL,
                    record TEXT NOT NULL,
                    PRIMARY KEY (file_id, position)
                ) WITHOUT ROWID;
                -- The records, per account, each with its current provenance: the file and line that last
                -- changed it, the account-local day (the cycle) and the time. Passwords are not stored.
                -- file_id refers to files(id); it is not a declared foreign key so bulk writes stay lean.
                -- row_hash fingerprints the stored fields, so a re-sent unchanged row is recognized without
                -- being validated again (see PandaExchange's UnchangedRowFilter).
                CREATE TABLE users (
                    account TEXT NOT NULL,
                    user_id TEXT NOT NULL,
                    username TEXT,
                    first_name TEXT NOT NULL,
                    last_name TEXT NOT NULL,
                    email TEXT,
                    user_type INTEGER NOT NULL,
                    user_status INTEGER NOT NULL,
                    row_hash INTEGER NOT NULL DEFAULT 0,
                    file_id INTEGER NOT NULL,
                    line INTEGER NOT NULL,
                    cycle_day TEXT NOT NULL,
                    changed_at INTEGER NOT NULL,
                    PRIMARY KEY (account, user_id)
                ) WITHOUT ROWID;
                CREATE TABLE property_values (
                    account TEXT NOT NULL,
                    key_id TEXT NOT NULL,
                    value_id TEXT NOT NULL,
                    key_label TEXT NOT NULL,
                    value_label TEXT NOT NULL,
                    row_hash INTEGER NOT NULL DEFAULT 0,
                    file_id INTEGER NOT NULL,
                    line INTEGER NOT NULL,
                    cycle_day TEXT NOT NULL,
                    changed_at INTEGER NOT NULL,
                    PRIMARY KEY (account, key_id, value_id)
                ) WITHOUT ROWID;
                CREATE TABLE user_properties (
                    account TEXT NOT NULL,
                    user_id TEXT NOT NULL,
                    key_id TEXT NOT NULL,
                    value_id TEXT NOT NULL,
                    row_hash INTEGER NOT NULL DEFAULT 0,
                    file_id INTEGER NOT NULL,
                    line INTEGER NOT NULL,
                    cycle_day TEXT NOT NULL,
                    changed_at INTEGER NOT NULL,
                    PRIMARY KEY (account, user_id, key_id)
                ) WITHOUT ROWID;
                CREATE TABLE programs (
                    account TEXT NOT NULL,
                    program_id TEXT NOT NULL,
                    program_code TEXT,
                    title TEXT NOT NULL,
                    description TEXT,
                    row_hash INTEGER NOT NULL DEFAULT 0,
                    file_id INTEGER NOT NULL,
                    line INTEGER NOT NULL,
                    cycle_day TEXT NOT NULL,
                    changed_at INTEGER NOT NULL,
                    PRIMARY KEY (account, program_id)
                ) WITHOUT ROWID;
                -- listed_file_id: the last programuser file that listed the membership (a programuser file
                -- is authoritative for the students it lists; their other memberships end).
                CREATE TABLE program_members (
                    account TEXT NOT NULL,
                    user_id TEXT NOT NULL,
                    program_id TEXT NOT NULL,
                    file_id INTEGER NOT NULL,
                    line INTEGER NOT NULL,
                    cycle_day TEXT NOT NULL,
                    changed_at INTEGER NOT NULL,
                    listed_file_id INTEGER NOT NULL,
                    PRIMARY KEY (account, user_id, program_id)
                ) WITHOUT ROWID;
                """),
        Migration(
            version: 3,
            sql: """
                -- One row per account and cycle day, written when the scheduler acts on the day: the
                -- publication of students.csv (in the publication's transaction), the first download after
                -- it, and the decision taken at the deadline. Whether a cycle is uploaded or processed is
                -- not stored: it is read from the intake queue and the file ledger.
                CREATE TABLE cycles (
                    account TEXT NOT NULL REFERENCES accounts(username),
                    day TEXT NOT NULL,
                    publication_id INTEGER REFERENCES publications(id),
                    published_at INTEGER,
                    retrieved_at INTEGER,
                    -- When the deadline was looked at; missed = 1 when nothing had been uploaded by then.
                    decided_at INTEGER,
                    missed INTEGER NOT NULL DEFAULT 0,
                    -- The server was not running at the publish time or at the deadline (a catch-up).
                    server_was_down INTEGER NOT NULL DEFAULT 0,
                    -- When the day's summary (results/cycle-DAY.summary.txt) was last written.
                    summary_at INTEGER,
                    PRIMARY KEY (account, day)
                ) WITHOUT ROWID;
                -- "The cycle current at a moment" is the latest one published before it.
                CREATE INDEX cycles_by_publication ON cycles (account, published_at);
                CREATE INDEX files_by_cycle ON files (account, cycle_day);
                -- Retention removes a file's kept copy and reports; its ledger entry stays, marked.
                ALTER TABLE files ADD COLUMN purged_at INTEGER;
                """),
        Migration(
            version: 4,
            sql: """
                -- Notifications (PandaNotify). Each event the notification service accepted, with the exact
                -- webhook body sent for it (every attempt sends the same bytes) and its details as text for
                -- e-mail.
                CREATE TABLE notification_events (
                    id INTEGER PRIMARY KEY,
                    uid TEXT NOT NULL UNIQUE,
                    account TEXT NOT NULL REFERENCES accounts(username),
                    kind TEXT NOT NULL,
                    occurred_at INTEGER NOT NULL,
                    summary TEXT NOT NULL,
                    body TEXT NOT NULL,
                    details_text TEXT NOT NULL,
                    recorded_at INTEGER NOT NULL
                );
                CREATE INDEX notification_events_by_account ON notification_events (account, id);
                -- One delivery per event and channel (webhook, e-mail, or a line of the daily digest), tried
                -- until delivered or given up; pending ones are due at next_attempt_at.
                CREATE TABLE notification_deliveries (
                    id INTEGER PRIMARY KEY,
                    event_id INTEGER NOT NULL REFERENCES notification_events(id),
                    account TEXT NOT NULL,
                    channel TEXT NOT NULL CHECK (channel IN ('webhook', 'email', 'digest')),
                    target TEXT NOT NULL,
                    status TEXT NOT NULL CHECK (status IN ('pending', 'delivered', 'failed', 'skipped')),
                    attempts INTEGER NOT NULL DEFAULT 0,
                    next_attempt_at INTEGER,
                    last_attempt_at INTEGER,
                    last_error TEXT,
                    finished_at INTEGER
                );
                CREATE INDEX notification_deliveries_by_event ON notification_deliveries (event_id);
                CREATE INDEX notification_deliveries_due ON notification_deliveries (next_attempt_at)
                    WHERE status = 'pending';
                -- Every attempt's outcome (status code or what failed).
                CREATE TABLE notification_attempts (
                    delivery_id INTEGER NOT NULL REFERENCES notification_deliveries(id),
                    attempt INTEGER NOT NULL,
                    at INTEGER NOT NULL,
                    target TEXT NOT NULL,
                    outcome TEXT NOT NULL CHECK (outcome IN ('delivered', 'failed')),
                    status_code INTEGER,
                    error TEXT,
                    PRIMARY KEY (delivery_id, attempt)
                ) WITHOUT ROWID;
                -- Keys whose coming expiry was announced, so each key is announced once.
                CREATE TABLE key_expiry_notices (
                    key_id INTEGER PRIMARY KEY REFERENCES public_keys(id),
                    notified_at INTEGER NOT NULL
                );
                """),
        Migration(
            version: 5,
            sql: """
                -- Admin API tokens (`panda token create|list|revoke`). Only the SHA-256 of a token is kept: the
                -- token is printed once. A name is unique among unrevoked tokens, so it can be revoked by name.
                CREATE TABLE api_tokens (
                    id INTEGER PRIMARY KEY,
                    name TEXT NOT NULL,
                    token_sha256 TEXT NOT NULL UNIQUE,
                    -- The first characters of the token, so an operator can tell tokens apart in `token list`.
                    prefix TEXT NOT NULL,
                    created_at INTEGER NOT NULL,
                    last_used_at INTEGER,
                    revoked_at INTEGER
                );
                CREATE UNIQUE INDEX api_tokens_active_name ON api_tokens (name) WHERE revoked_at IS NULL;
                -- Dashboard sessions, opened by signing in with a token; only the SHA-256 of the session cookie
                -- is kept. A session ends at its expiry, at sign-out, or when its token is revoked.
                CREATE TABLE dashboard_sessions (
                    id_sha256 TEXT PRIMARY KEY,
                    token_id INTEGER NOT NULL REFERENCES api_tokens(id),
                    created_at INTEGER NOT NULL,
                    expires_at INTEGER NOT NULL
                );
                CREATE INDEX dashboard_sessions_by_expiry ON dashboard_sessions (expires_at);
                CREATE INDEX audit_log_by_event ON audit_log (event, id);
                """),
    ]
}
