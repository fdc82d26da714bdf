import { describe, expect, it } from 'vitest';
import { ApiRequestError } from './api-client';
import { createTranslator } from './i18n';

/** A form's labels by field name, as `findFormLabel` reads them from the form. */
const labels: Record<string, string> = { callOrder: 'Turordning', phone: 'Telefon', name: 'Namn' };
const labelOf = (field: string) => labels[field];

const refused = (code: string, details?: unknown) =>
  new ApiRequestError(400, code, 'The request is not valid.', details);

describe('a refusal that names a field', () => {
  const { describeProblem } = createTranslator('sv');

  it('names the field by its label and says its bound (the on-call contact’s Turordning −5)', () => {
    const error = refused('validation_failed', [
      { field: 'body.callOrder', problem: 'minimum', message: 'must be >= 1', limit: 1 },
    ]);
    expect(describeProblem(error, labelOf)).toBe('Turordning: måste vara minst 1.');
  });

  it('names every field the form has, and says a missing one or one of the wrong format', () => {
    const error = refused('validation_failed', [
      { field: 'body.name', problem: 'required' },
      { field: 'body.phone', problem: 'pattern' },
      { field: 'body', problem: 'additionalProperties', unexpected: 'extra' },
    ]);
    expect(describeProblem(error, labelOf)).toBe('Namn: saknas. Telefon: har fel format.');
  });

  it('says a field the other fields rule out, as a use case refuses it (a target door on an install)', () => {
    const error = refused('validation_failed', [
      { field: 'body.name', problem: 'not', message: 'must be left out: only a move has a target door' },
    ]);
    expect(describeProblem(error, labelOf)).toBe('Namn: ska inte anges här.');
    expect(createTranslator('en').describeProblem(error, labelOf)).toBe('Namn: must be left out here.');
  });

  it('says a 422 that names its field in the rule’s words, in Swedish and English', () => {
    const error = new ApiRequestError(422, 'provider_required', 'Name the provider.', { field: 'name' });
    expect(describeProblem(error, labelOf)).toBe('Namn: Välj en utförare.');
    const secret = new ApiRequestError(422, 'client_secret_required', 'A client secret is required.', {
      field: 'name',
    });
    expect(createTranslator('en').describeProblem(secret, labelOf)).toBe(
      'Namn: Enter the client secret. It is needed the first time the identity provider is set up.',
    );
  });

  it('says text the server will not store at its field, listed as validation_failed lists it', () => {
    const blank = refused('blank_text', [
      { field: 'body.name', problem: 'blank', message: 'is only spaces' },
    ]);
    expect(describeProblem(blank, labelOf)).toBe(
      'Namn: Texten är bara mellanslag. Skriv något eller lämna fältet tomt.',
    );
    const control = refused('invalid_characters', [
      { field: 'body.phone', problem: 'bidi_control', message: 'contains a direction control character' },
    ]);
    expect(createTranslator('en').describeProblem(control, labelOf)).toBe(
      'Telefon: The text contains a character that cannot be saved here (such as a line break in a name, another control character, a writing-direction control or half a character). Remove it.',
    );
  });

  it('puts the label before a rule’s own words', () => {
    const error = new ApiRequestError(409, 'already_exists', 'exists', { field: 'name' });
    expect(describeProblem(error, labelOf)).toBe('Namn: Det finns redan något med samma uppgifter.');
  });

  it('says what it said before when the form has no such field or no form is known', () => {
    const error = refused('validation_failed', [{ field: 'body.serial', problem: 'pattern' }]);
    expect(describeProblem(error, labelOf)).toBe('Några uppgifter saknas eller har fel format.');
    expect(describeProblem(refused('validation_failed', [{ field: 'body.callOrder' }]))).toBe(
      'Några uppgifter saknas eller har fel format.',
    );
    expect(describeProblem(new Error('offline'), labelOf)).toBe('Error: offline');
  });

  it('speaks English too', () => {
    const error = refused('validation_failed', [{ field: 'body.name', problem: 'maxLength', limit: 200 }]);
    expect(createTranslator('en').describeProblem(error, () => 'Name')).toBe(
      'Name: may have at most 200 characters.',
    );
  });
});

describe('refusals the console meets in everyday work', () => {
  // Each was shown as the server's English sentence in the Swedish console.
  it.each([
    ['already_assigned', 'There is already a current assignment like this one.'],
    ['grant_too_long', 'An individual grant may last at most 90 days (a municipality setting).'],
    ['staff_member_required', 'Name the staff member taking the key.'],
    ['invalid_range', '`from` must be before `to`.'],
    ['weak_password', 'The password must be at least 12 characters.'],
    ['invalid_encoding', 'The body is not valid UTF-8.'],
  ])('says %s in Swedish, not the server’s English words', (code, serverText) => {
    const error = new ApiRequestError(422, code, serverText);
    const sv = createTranslator('sv').describeProblem(error);
    const en = createTranslator('en').describeProblem(error);
    expect(sv).not.toBe(serverText);
    expect(sv).not.toBe(en);
  });
});

describe('a refusal that names the bound it crossed', () => {
  // Testers saw "högst så många dagar som kommunen har bestämt (90 om inget annat är sagt)" where
  // their municipality allows 30: the 422 names the number in its details, the console says it.
  const tooLong = (details?: unknown) =>
    new ApiRequestError(
      422,
      'grant_too_long',
      'An individual grant may last at most 30 days (a municipality setting); give a new grant when it ends.',
      details,
    );
  const details = [{ field: 'validUntil', code: 'grant_too_long', message: 'at most 30 days', maxDays: 30 }];

  it('says the municipality’s own number of days, in Swedish and English', () => {
    expect(createTranslator('sv').describeProblem(tooLong(details))).toBe(
      'En individuell behörighet får gälla högst 30 dagar. Ge en ny när den går ut.',
    );
    expect(createTranslator('en').describeProblem(tooLong(details))).toBe(
      'An individual grant may last at most 30 days. Give a new grant when it ends.',
    );
  });

  it('names the field by its label before the number', () => {
    const labelOf = (field: string) => (field === 'validUntil' ? 'Gäller till' : undefined);
    expect(createTranslator('sv').describeProblem(tooLong(details), labelOf)).toBe(
      'Gäller till: En individuell behörighet får gälla högst 30 dagar. Ge en ny när den går ut.',
    );
  });

  it('says the rule without a number when the answer names none, and takes no other rule’s number', () => {
    const plain =
      'En individuell behörighet får gälla högst så många dagar som kommunen har bestämt. Ge en ny när den går ut.';
    expect(createTranslator('sv').describeProblem(tooLong())).toBe(plain);
    expect(
      createTranslator('sv').describeProblem(tooLong([{ field: 'x', code: 'other_rule', maxDays: 5 }])),
    ).toBe(plain);
  });
});
