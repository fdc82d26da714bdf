// A registry dialog's button for the roles that may use it: "Ny …" (create) where there is no row,
// "Ändra uppgifter" (update) where there is one, and nothing for a role the policy refuses. The
// words default to the registry's own: the button's label as the dialog's title, "Registrera" to
// make and "Spara" to change.
import { useSession } from '../accounts';
import { useTranslator } from '../shared/i18n';
import { RegistryFormButton, type RegistryFormProps } from '../shared/registry-form';

export function RegistryButton<Row extends { id: string }>({
  buttonLabel,
  title,
  confirmLabel,
  ...props
}: Omit<RegistryFormProps<Row>, 'title' | 'confirmLabel'> & {
  /** Defaults to "Ändra uppgifter" for a change. */
  buttonLabel?: string;
  /** Defaults to the button's label. */
  title?: string;
  confirmLabel?: string;
  isPrimary?: boolean;
}) {
  const { t } = useTranslator();
  const session = useSession();
  if (!session.can(props.resource, props.row ? 'update' : 'create')) return null;
  const label = buttonLabel ?? t('registry.edit');
  return (
    <RegistryFormButton<Row>
      {...props}
      buttonLabel={label}
      title={title ?? label}
      confirmLabel={confirmLabel ?? (props.row ? t('registry.save') : t('registry.register'))}
    />
  );
}
