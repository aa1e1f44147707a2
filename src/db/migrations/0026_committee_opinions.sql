-- 委員会の意見: the committee's (識見者, 策定委員会) opinion on a project's fiscal year, kept apart from
-- the department's evaluation (所管課の評価・コメント): its own row, author, time and version, written
-- by committee members only (decision 033). An opinion typed into the department's review before
-- now moves here, under the name of whoever last saved that review.
create table pdca_committee_opinions (
  id serial primary key,
  municipality_code text not null,
  plan_id text not null,
  project_code text not null,
  fiscal_year integer not null,
  opinion text not null,
  -- optimistic lock: an edit based on an old version is refused instead of overwriting
  version integer not null default 1,
  written_by integer references accounts(id),
  written_by_name text not null,
  updated_at timestamptz not null default now(),
  constraint pdca_committee_opinions_one_per_year
    unique (municipality_code, plan_id, project_code, fiscal_year)
);

insert into pdca_committee_opinions
  (municipality_code, plan_id, project_code, fiscal_year, opinion, written_by, written_by_name, updated_at)
select municipality_code, plan_id, project_code, fiscal_year, committee_comment, updated_by,
       updated_by_name, updated_at
  from pdca_reviews
 where committee_comment <> '';

alter table pdca_reviews drop column committee_comment;
