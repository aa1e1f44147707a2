-- A business's photos (storefront, products, work): kept as src/platform/images.ts makes them
-- (JPEG, shrunk, no EXIF or GPS), added and removed by the account keeping the business, public
-- with the business once it is approved. Deleted with the business.
create table business_photos (
  id serial primary key,
  business_id integer not null references businesses(id) on delete cascade,
  content_type text not null,
  data bytea not null,
  width integer not null,
  height integer not null,
  caption text not null default '',
  created_at timestamptz not null default now()
);
create index business_photos_business_idx on business_photos (business_id, id);
