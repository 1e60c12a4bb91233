/**
 * Alert claims (types.ts AlertClaim) are not dropped when their alert is delivered, but a day later. Under
 * PostgreSQL's READ COMMITTED, a claim statement that started before the delivery committed does not see the
 * delivery; if the claim row were already gone it would insert a new claim and send the alert a second time. Kept,
 * the row makes that statement conflict and back off. A day later no such statement can still be running.
 */
const SETTLE_MS = 86_400_000;

/** Claims of delivered alerts taken before this time may go. */
export function claimsSettledBefore(deliveredAt: string): string {
  return new Date(new Date(deliveredAt).getTime() - SETTLE_MS).toISOString();
}

/** Drops the settled claims of delivered alerts; its one parameter is claimsSettledBefore's answer. */
export const dropSettledClaimsSql = (parameter: '?' | '$1'): string => `DELETE FROM alert_claims WHERE claimed_at < ${parameter}
  AND EXISTS (SELECT 1 FROM alert_deliveries d WHERE d.alert_key = alert_claims.alert_key AND d.sink = alert_claims.sink)`;
