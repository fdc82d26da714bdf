-- The relatives' visit list comes from the stored visits and names staff by first name or by a
-- role word, as the municipality decides (issue #11 item 7; docs/visits.md "Relatives' visit
-- list"). The role word needs to know what a staff member works as: recorded by the provider,
-- empty until then (the list then says "Personal").
ALTER TABLE staff_member
  ADD COLUMN occupation text CHECK (occupation IN ('assistant_nurse', 'care_assistant', 'nurse'));

-- The setting it replaces named staff by full name or by pseudonym (`showStaffNamesToRelatives`).
-- A pseudonym is no word for relatives: names become first names, pseudonyms role words.
UPDATE municipality
SET settings = (settings - 'showStaffNamesToRelatives')
  || jsonb_build_object(
       'relativesStaffNaming',
       CASE WHEN (settings->>'showStaffNamesToRelatives')::boolean THEN 'first_name' ELSE 'role_word' END)
WHERE settings ? 'showStaffNamesToRelatives';
