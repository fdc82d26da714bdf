-- A registry list pages by its sort field and then the row's id (docs/api.md "Paging"). The two
-- long lists sorted by family name by default, customers and staff, get an index in exactly that
-- order, so one page reads its own rows and no more: with only (municipality_id, family_name,
-- given_name), PostgreSQL read every customer sharing the first family names of the page and sorted
-- them by id (1,714 rows for a page of 50 in the load bench's Stockholm-scale registry, where
-- common family names stand hundreds of times), and the staff list had no index led by the
-- municipality at all.
CREATE INDEX customer_list_order ON customer (municipality_id, family_name, id);
CREATE INDEX staff_member_list_order ON staff_member (municipality_id, family_name, id);
