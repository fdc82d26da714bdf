// The audit trail's actions in the reader's words: an entry's action by its entity's own wording
// where one action means different things (`withdraw` of an invitation is not a withdrawn consent),
// else by the action's label; and the action filter's choices, each such wording a choice of its own.
import { auditActions } from '@portvakt/contract';
import type { Language, Translator } from '../shared/i18n';
import { auditEntityActionsEn } from './audit.en';
import { auditEntityActionsSv } from './audit.sv';

type EntityActionKey = keyof typeof auditEntityActionsSv;

const entityActions: Record<Language, Readonly<Record<EntityActionKey, string>>> = {
  sv: auditEntityActionsSv,
  en: auditEntityActionsEn,
};

const isEntityAction = (key: string): key is EntityActionKey => Object.hasOwn(auditEntityActionsSv, key);

const isAuditAction = (action: string) => (auditActions as readonly string[]).includes(action);

type ActionSayer = Pick<Translator, 'language' | 'label'>;

/** `action` done to `entity` in words: the entity's own wording, else the action's; unknown as recorded. */
export function sayAuditAction({ language, label }: ActionSayer, entity: string, action: string): string {
  const key = `${entity}.${action}`;
  if (isEntityAction(key)) return entityActions[language][key];
  return isAuditAction(action) ? label('auditAction', action) : action;
}

/** Between an action and its entity in a filter choice's value (neither name holds it). */
const choiceSeparator = '@';

/** The entities with their own wording of `action`, in the table's order. */
const listWordedEntities = (action: string) =>
  Object.keys(auditEntityActionsSv)
    .map((key) => key.split('.') as [string, string])
    .filter(([, worded]) => worded === action)
    .map(([entity]) => entity);

/**
 * The audit page's action filter: every action the server writes, by its label, each followed by
 * the entities that word it their own way (`withdraw@relative_invitation`, "Drog tillbaka
 * inbjudan"), so such entries are found by the name the page gives them.
 */
export function listActionOptions(translator: ActionSayer): Array<{ value: string; label: string }> {
  return auditActions.flatMap((action) => [
    { value: action, label: translator.label('auditAction', action) },
    ...listWordedEntities(action).map((entity) => ({
      value: `${action}${choiceSeparator}${entity}`,
      label: sayAuditAction(translator, entity, action),
    })),
  ]);
}

/**
 * The page's filter for a choice: its action, and its entity where the choice names one (a plain
 * action leaves the entity filter as it is).
 */
export function readActionChoice(value: string): { action: string; entity?: string } {
  const [action = '', entity] = value.split(choiceSeparator);
  return entity === undefined ? { action } : { action, entity };
}

/** The choice the filter shows for the page's action and entity: the entity's own where it has one. */
export function findActionChoice(action: string, entity: string): string {
  return isEntityAction(`${entity}.${action}`) ? `${action}${choiceSeparator}${entity}` : action;
}
