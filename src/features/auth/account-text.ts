/** Every string of the account page and the admin's user actions, from the review catalogs (issue 15 item 11). */
import { useReviewI18n, type ReviewI18n } from '../../lib/i18n/review-i18n';

export function accountText({ t, plural }: ReviewI18n) {
  return {
    docSuffix: t('nav.label'),
    title: t('account.title'),
    pendingPassword: t('account.pendingPassword'),
    pendingTotp: t('account.pendingTotp'),
    passwordHeading: t('account.passwordHeading'),
    currentPassword: t('account.currentPassword'),
    newPassword: t('account.newPassword'),
    repeatPassword: t('account.repeatPassword'),
    passwordsDiffer: t('account.passwordsDiffer'),
    changePassword: t('account.changePassword'),
    passwordChanged: t('account.passwordChanged'),
    totpHeading: t('account.totpHeading'),
    totpOff: t('account.totpOff'),
    totpOn: t('account.totpOn'),
    totpStart: t('account.totpStart'),
    totpScan: t('account.totpScan'),
    totpQrLabel: t('account.totpQrLabel'),
    totpKey: t('account.totpKey'),
    totpCode: t('account.totpCode'),
    totpConfirm: t('account.totpConfirm'),
    totpEnabled: t('account.totpEnabled'),
    totpDisablePassword: t('account.totpDisablePassword'),
    totpDisable: t('account.totpDisable'),
    sessionsHeading: t('account.sessionsHeading'),
    sessionsHelp: t('account.sessionsHelp'),
    signOutOthers: t('account.signOutOthers'),
    signedOutOthers: (n: number) => plural('account.signedOutOthers', n),
  };
}

export function useAccountText() {
  return accountText(useReviewI18n());
}

/** Strings of the admin's user actions. */
export function userAdminText({ t }: ReviewI18n) {
  return {
    actions: t('users.actions'),
    status: t('users.status'),
    enabled: t('users.enabled'),
    disabled: t('users.disabled'),
    disable: t('users.disable'),
    enable: t('users.enable'),
    roleOf: (email: string) => t('users.roleOf', { email }),
    resetPassword: t('users.resetPassword'),
    resetTotpToo: t('users.resetTotpToo'),
    resetConfirm: t('users.resetConfirm'),
    cancel: t('users.cancel'),
    temporaryPassword: (email: string) => t('users.temporaryPassword', { email }),
    twoFactor: t('users.twoFactor'),
    twoFactorOn: t('users.twoFactorOn'),
    twoFactorOff: t('users.twoFactorOff'),
    requireTotp: t('users.requireTotp'),
    resetPending: t('users.resetPending'),
  };
}

export function useUserAdminText() {
  return userAdminText(useReviewI18n());
}
