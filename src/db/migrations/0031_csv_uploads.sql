-- CSV files staff upload to change a list (decision 038), kept from the preview to the
-- confirmation: the confirmation applies exactly the previewed file, once, and refuses when the
-- list changed since the preview. The text is dropped once applied, the row a day after.
create table csv_uploads (
  id serial primary key,
  token text not null unique,
  municipality_code text not null,
  account_id integer not null references accounts(id),
  list text not null,
  file_name text not null default '',
  encoding text not null,
  content text not null,
  preview jsonb not null,
  preview_hash text not null,
  created_at timestamptz not null default now(),
  applied_at timestamptz,
  summary jsonb
);
create index csv_uploads_created_idx on csv_uploads (created_at);
