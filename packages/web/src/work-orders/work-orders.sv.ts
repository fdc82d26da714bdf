// Swedish texts: the lock manager's planning board and the installer's phone view. The English
// table (work-orders.en.ts) is typed against this one, so a missing translation fails `tsc`.
import type { WorkOrderKind, WorkOrderState } from '@portvakt/core';

export const workOrdersSv = {
  'nav.workOrders': 'Arbetsordrar',
  'nav.installer': 'Mina jobb',
  'workOrders.title': 'Arbetsordrar',
  'workOrders.intro':
    'Planeringstavlan: ordrar per status. Tilldela en montör eller ett låsföretag, boka tid och flytta ordern vidare. Installationer väntar på samtycke innan de kan planeras.',
  'workOrders.kind': 'Typ',
  'workOrders.district': 'Distrikt',
  'workOrders.allKinds': 'Alla typer',
  'workOrders.allDistricts': 'Alla distrikt',
  'workOrders.none': 'Inga ordrar.',
  'workOrders.unassigned': 'Ej tilldelad',
  'workOrders.unbooked': 'Ingen tid bokad',
  'workOrders.awaits': 'Väntar på {what}',
  'workOrders.column': '{state} ({count})',
  'workOrders.door': 'Dörr',
  'workOrders.targetDoor': 'Flyttas till',
  'workOrders.address': 'Adress',
  'workOrders.lock': 'Lås',
  'workOrders.customer': 'Kund',
  'workOrders.state': 'Status',
  'workOrders.assignee': 'Utförs av',
  'workOrders.booked': 'Bokad tid',
  'workOrders.plannedMinutes': 'Planerad tid (minuter)',
  'workOrders.actualMinutes': 'Faktisk tid (minuter)',
  'workOrders.notes': 'Anteckningar',
  'workOrders.storage': 'Originallåset förvaras',
  'workOrders.restoredAt': 'Originallåset återställt',
  'workOrders.plan': 'Planering',
  'workOrders.installer': 'Montör',
  'workOrders.company': 'Låsföretag',
  'workOrders.noOne': 'Ingen',
  'workOrders.bookedFrom': 'Bokad från',
  'workOrders.bookedUntil': 'Bokad till',
  'workOrders.save': 'Spara planering',
  'workOrders.saved': 'Planeringen är sparad.',
  'workOrders.move': 'Flytta ordern',
  'workOrders.moveTo': 'Till: {state}',
  'workOrders.reason': 'Anledning',
  'workOrders.reasonHint': 'Krävs när ordern avbryts, misslyckas eller går tillbaka.',
  'workOrders.history': 'Historik',
  'workOrders.historyCaption': 'Statusbyten för ordern',
  'workOrders.when': 'När',
  'workOrders.who': 'Vem',
  'workOrders.from': 'Från',
  'workOrders.to': 'Till',
  'workOrders.finished': 'Avslutad',
  'installer.title': 'Mina jobb',
  'installer.intro': 'Dagens bokade jobb, i tidsordning.',
  'installer.day': 'Dag',
  'installer.none': 'Inga bokade jobb den här dagen.',
  'installer.atDoor': 'Vid dörren',
  'installer.serial': 'Låsets serienummer',
  'installer.serialHint': 'Står på låset och på förpackningen.',
  'installer.lockType': 'Låstyp',
  'installer.publicKey': 'Låsets publika nyckel (JWK)',
  'installer.publicKeyHint': 'Visas av låset i installationsläge.',
  'installer.publicKeyInvalid': 'Nyckeln är inte giltig JSON.',
  'installer.enrol': 'Registrera låset',
  'installer.enrolled': 'Låset {serial} är registrerat. Montera det och markera som monterat.',
  'installer.storage': 'Var förvaras originallåset?',
  'installer.storageHint': 'Hyllplats eller lådans etikett, t.ex. "Hylla B3, låda 12".',
  'installer.install': 'Markera som monterat',
  'installer.done': 'Klart! Ordern är avslutad.',
  'installer.restored': 'Kundens originallås är återmonterat',
  'installer.dismount': 'Låset är nedmonterat',
  'installer.moveLock': 'Låset är flyttat',
} as const;

type WorkOrderLabels = {
  workOrderState: Record<WorkOrderState, string>;
  workOrderKind: Record<WorkOrderKind, string>;
  workOrderAwaits: Record<'nothing' | 'customer_consent' | 'owner_consent', string>;
};
export type { WorkOrderLabels };

export const workOrderLabelsSv: WorkOrderLabels = {
  workOrderState: {
    requested: 'Beställd',
    planned: 'Planerad',
    in_progress: 'Pågår',
    done: 'Klar',
    failed: 'Misslyckad',
    cancelled: 'Avbruten',
  },
  workOrderKind: {
    install: 'Montering',
    battery: 'Batteribyte',
    move: 'Flytt',
    dismount: 'Nedmontering',
    repair: 'Reparation',
    cylinder_change: 'Cylinderbyte',
  },
  workOrderAwaits: {
    nothing: 'inget',
    customer_consent: 'kundens samtycke',
    owner_consent: 'fastighetsägarens samtycke',
  },
};
