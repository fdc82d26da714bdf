// What explain answers: a reason is a stable rule code with parameters, plain data in the
// municipality's local time (docs/permissions.md "Single checks and explain").
import type { DoorKind } from '../registry/index';
import type { ServiceKind } from './permission-facts';
import type { PermissionRule } from './permission-rules';

export interface ReasonDoor {
  kind: DoorKind;
  label: string;
}

/** A provider's service for a customer: the kind, the provider and its local daily windows. */
export interface ReasonService {
  kind: ServiceKind;
  provider: string;
  /** 'always' when the provider configured no windows; otherwise e.g. { time: '22:00–07:00' }. */
  windows: 'always' | readonly { time: string; dayMask: number }[];
}

/** How S is connected to the door: the first half of most sentences. */
export type ReasonRoute =
  | { kind: 'team'; team: string }
  | { kind: 'area'; team: string; service: ServiceKind; provider: string; district: string }
  | { kind: 'customer_grant'; until: string | null; grantedBy: string; reason: string }
  | {
      kind: 'door_grant';
      grant: 'individual_grant' | 'shared_door_grant';
      /** The team holding the grant, or null when S holds it personally. */
      team: string | null;
      door: ReasonDoor;
      until: string | null;
      grantedBy: string;
      reason: string;
    };

/** What a membership, assignment or grant that is not valid at T is. */
export type ReasonSubject =
  | { kind: 'membership'; team: string }
  | { kind: 'assignment'; team: string }
  | { kind: 'area_rule'; team: string; district: string }
  | { kind: 'customer_grant' }
  | { kind: 'door_grant'; grant: 'individual_grant' | 'shared_door_grant'; door: ReasonDoor };

/**
 * A reason's parameters. Names as the registry has them; dates 'YYYY-MM-DD' and times 'HH:MM'
 * in the municipality's local time, so rendering needs no clock.
 */
export interface ReasonParams {
  /** The staff member's name (unknown_staff: absent, see staffId). */
  staff?: string;
  staffId?: string;
  lockId?: string;
  /** The staff member's provider. */
  provider?: string;
  /** The customer the reason is about; null for another customer behind the same door, unnamed. */
  customer?: string | null;
  route?: ReasonRoute;
  service?: ReasonService;
  /** no_chosen_provider through an area rule: the service the rule is for. */
  forService?: ServiceKind;
  subject?: ReasonSubject;
  /** The local 'YYYY-MM-DD HH:MM' a validity starts or ended at. */
  boundary?: string;
  /** The asked instant in local time. */
  now?: { date: string; time: string };
  /** Employment start or end, or the day a service is not active on. */
  date?: string;
  /** service_not_active: the service's period (until null: until further notice). */
  period?: { from: string; until: string | null };
  /** team_service: the local end of a membership that ends. */
  membershipUntil?: string;
  door?: ReasonDoor;
  /** no_rule: the door is on nobody's access path (laundry, waste room …). */
  isSharedDoor?: boolean;
}

export interface PermissionReason {
  rule: PermissionRule;
  params: ReasonParams;
  customerId?: string;
  teamId?: string;
  grantId?: string;
}

export interface PermissionExplanation {
  isAllowed: boolean;
  staffId: string;
  lockId: string;
  /** Epoch ms. */
  at: number;
  /** Allowed: every rule that allows. Denied: the reasons, most specific first. */
  reasons: PermissionReason[];
}

export interface ExplainOptions {
  /**
   * The customer the question is about (who-can-open for one customer). Reasons through other
   * customers behind the same door are given only when none through this customer or a grant of
   * the door decides, and then without their names.
   */
  customerId?: string | undefined;
  /**
   * Only an allowing answer's reasons are wanted (who-can-open lists the allowed): a denied
   * answer comes back without reasons, and no denial is worded on the way.
   */
  isAllowedOnly?: boolean | undefined;
}
