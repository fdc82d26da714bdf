// English texts: keys, PIN reset, replacement keys, the block list, dismounting; typed against devices.sv.ts.
import type { LabelTablesLike } from '../shared/labels';
import type { devicesLabelsSv, devicesSv } from './devices.sv';

export const devicesEn: Record<keyof typeof devicesSv, string> = {
  'locks.dismount': 'Dismount',
  'locks.dismountTitle': 'Dismount lock {serial}',
  'locks.dismountText': 'The lock is taken off the door. Nobody can open the door with it any more.',
  'locks.dismountStatus': 'The lock’s status afterwards',
  'locks.dismountConfirm': 'Dismount',
  'locks.dismountForce': 'Dismount anyway',
  'locks.dismountLosesAccess':
    'The door {door}, {address}, is on the way in of {count} customers with an ongoing service. Staff lose their way in:',
  'locks.dismountLosesAccessOne':
    'The door {door}, {address}, is on the way in of one customer with an ongoing service. Staff lose their way in:',
  'locks.dismountCustomers': 'Customers who lose access',
  'locks.dismountNamesHidden': 'Customer names are not shown to your role.',
  'locks.dismountReason': 'Why is the lock dismounted anyway?',
  'locks.dismountReasonMissing':
    'Say why the lock is dismounted anyway (at least 3 characters); it goes into the log.',

  'keys.title': 'Keys',
  'keys.intro': 'Digital keys and phones. Block a key that has been lost.',
  'keys.caption': 'Keys',
  'keys.holder': 'Holder',
  'keys.noHolder': 'No holder',
  'keys.holderHidden': 'Staff member (name not shown to your role)',
  'keys.statusReason': 'Reason',
  'keys.reason.employmentEnded': 'Employment ended',
  'keys.searchPlaceholder': 'Serial number',
  'keys.block': 'Block the key',
  'keys.blockTitle': 'Block key {serial}?',
  'keys.blockText':
    'The key is blocked and put on the block list, which the locks get at their next sync. A blocked key cannot be activated again. The change is logged with your reason.',
  'keys.blockReason': 'Reason for blocking',
  'keys.blockReasonHint': 'For example: Key lost during the evening shift.',
  'keys.blockReasonMissing': 'Give a reason (at least 3 characters).',
  'keys.blockStatus': 'The key’s status afterwards',
  'keys.blockStatusHint': 'Lost when nobody knows where the key is. Both block the key.',
  'keys.blockConfirm': 'Block',
  'keys.phoneLost': 'Phone lost',
  'keys.phoneLostTitle': 'Block lost phone {serial}?',
  'keys.phoneLostText':
    "The phone's key is blocked now. The app erases its key and permissions at its next contact, and locks refuse it once they have the block list.",
  'keys.phoneLostReason': 'Phone reported lost',
  'keys.blocked': 'The key is blocked.',
  'keys.markedLost': 'The key is reported lost and blocked.',
  'keys.alreadyBlocked': 'The key is already blocked.',
  'keys.pinReset': 'Reset PIN',
  'keys.pinResetTitle': 'Reset the PIN of key {serial}?',
  'keys.pinResetText':
    'A one-time code is created and shown only once. The staff member uses it at the activation box to choose a new PIN. The change is logged.',
  'keys.pinResetConfirm': 'Create one-time code',
  'keys.pinResetCodeTitle': 'One-time code for a new PIN',
  'keys.pinResetCodeLabel': 'One-time code',
  'keys.pinResetInstructions':
    'Give the code to the staff member in person; it is valid for 72 hours and is used at the activation box.',
  'keys.pinResetExpires': 'The code is valid until {at}.',
  'keys.pinResetOnce':
    'The code is shown only now. It is not stored in plain text and cannot be shown again – create a new one if it is lost.',
  'keys.pinResetDone': 'I have noted the code',
  'keys.pinResetPhone': 'Phones use the staff member’s login and have no PIN to reset.',
  'keys.activation': 'Activation',
  'keys.activatedNow': 'Activated now',
  'keys.notActivated': 'Not activated',
  'keys.lastActivation': 'Last activation',
  'keys.ticketExpires': 'Permissions valid offline until',
  'keys.enrolled': 'Enrolled',
  'keys.notEnrolled': 'Not enrolled – the key cannot be activated yet',
  'keys.pin': 'PIN',
  'keys.pinSet': 'Set',
  'keys.pinNotSet': 'Not set – reset the PIN',
  'keys.pinLocked': 'Locked after too many wrong tries – reset the PIN',
  'keys.never': 'Never',
  'keys.onBlockList': 'On the block list',
  'keys.onBlockListText':
    'The key is on the block list. Locks get the list at their next sync and then refuse the key. A blocked key cannot be activated again; issue a new key instead.',
  'keys.onBlockListVersion': 'Added in block-list version {version} ({at}).',
  'keys.blockListBehind': '{count} installed locks have not yet reported that version.',
  'keys.blockListAllCurrent': 'Every installed lock has reported that version.',
  'keys.notOnBlockListYet': 'The key does not show on the block list yet.',
  'keys.seeBlockList': 'Show the block list',
  'keys.reachSummary': '{confirmed} of {total} relevant locks have received the block.',
  'keys.reachIntro':
    'Relevant locks are on the doors of the ways in to the provider’s customers; a lock has received the block once it has reported a block-list version that contains the key.',
  'keys.reachLagging': 'Locks that have not yet received the block ({count})',
  'keys.reachLaggingFirst':
    'Only the {listed} furthest behind are listed here; {more} more have not received it either.',
  'keys.reachAllConfirmed': 'Every relevant lock has received the block',
  'keys.create': 'New key',
  'keys.createIntro':
    'A new staff member’s first key. A replacement for a blocked key is issued from the blocked key’s page.',
  'keys.holderProviderFirst': 'Choose the provider first.',
  'keys.replace': 'Issue a new key',
  'keys.replaceTitle': 'Issue a new key in place of {serial}',
  'keys.replaceText':
    'The new key is registered to {holder} at the same provider. The blocked key stays blocked.',
  'keys.replaceTextNoHolder':
    'The new key is registered at the same provider, without a holder. The blocked key stays blocked.',
  'keys.replaceSerial': 'Serial number of the new key',
  'keys.replaceSerialHint': 'Printed on the key or its packaging, e.g. HK-10234.',
  'keys.replaceSerialMissing': 'Enter the new key’s serial number.',
  'keys.replaceConfirm': 'Register the key',
  'keys.issued':
    'The new key is registered. Next, enrol it at the activation box and give the staff member a PIN (reset the PIN here).',

  'blockList.title': 'Block list',
  'blockList.intro':
    'Blocked and lost keys the locks must refuse, and which locks have not yet reported the latest version of the list (where a blocked key may still work).',
  'blockList.version': 'Current version',
  'blockList.entries': 'Blocked keys',
  'blockList.entriesEmpty': 'No keys are blocked.',
  'blockList.key': 'Key',
  'blockList.blockedAt': 'Blocked',
  'blockList.addedInVersion': 'Version',
  'blockList.exposure': 'Locks without the latest block list',
  'blockList.exposureIntro':
    'A lock that has not reported version {version} may still let in a key that was blocked later.',
  'blockList.exposureSummary':
    '{behind} of {total} installed locks have a version older than {version} (lagging); {notReported} have not reported any version.',
  'blockList.exposureEmpty': 'Every installed lock has reported the latest version.',
  'blockList.reportedVersion': 'Reported version',
  'blockList.reportedAt': 'Reported',
  'blockList.neverReported': 'Never reported',
  'blockList.locksCount': 'Installed locks',
  'blockList.behindCount': 'Lagging (older version)',
  'blockList.notReportedCount': 'Have not reported any version',
  'blockList.showingFirst': 'Showing the {count} locks furthest behind.',
  'blockList.showAll': 'Show all {count}',
  'blockList.showFewer': 'Show fewer',
};

export const devicesLabelsEn: LabelTablesLike<typeof devicesLabelsSv> = {
  keyKind: { hardware_key: 'Key', phone: 'Phone' },
  keyStatus: { active: 'Active', blocked: 'Blocked', lost: 'Lost', retired: 'Retired' },
};
