/**
 * The asset "xray": why the asset has its class, what covers it (plan, rule, selection clause), where its
 * backups go and whether that vault is locked, how old its last recovery point is against the RPO, its recent
 * jobs, its restore tests against the RTO, and its findings with the command that fixes each.
 */
import { coverageNotes, isUnsuccessful } from '@vaultscope/core';
import { accountName, planKey, type JobRecord, type OrgData } from '../../model/orgData.js';
import { formatAge, formatBytes, formatHours, formatShortTime, formatTime, hoursBetween } from '../../text/format.js';
import { makeHeading, makeLine, seg } from '../row.js';
import type { Row, ViewModel } from '../screen.js';
import { gapsOfAsset, whyNotCovered } from './whyNotCovered.js';
import { coverageTone, jobTone, severityLabel, severityTone } from '../tones.js';

const RECENT_JOBS = 15;

function jobLine(job: JobRecord): string {
  const message = job.statusMessage ? `  ${job.messageCategory ? `${job.messageCategory}: ` : ''}${job.statusMessage}` : '';
  const progress = job.percentDone && !job.completedAt ? `  ${job.percentDone}%` : '';
  return `${formatShortTime(job.createdAt)}  ${job.kind.padEnd(6)}  ${job.state.padEnd(10)}  ${formatBytes(job.sizeBytes).padStart(8)}${progress}${message}`;
}

/** The xray document of one asset. */
export function assetXray(data: OrgData, arn: string): ViewModel {
  const asset = data.assetByArn.get(arn);
  if (!asset) {
    return { kind: 'doc', title: 'Asset', header: [[seg(arn)]], columns: [], rows: [], empty: 'This asset is no longer in the estate.' };
  }
  const raw = data.estateAssetByArn.get(arn);
  const c = asset.classification;
  const cov = asset.coverage;
  const lines: Row[] = [];
  const line = (text: string, options: Parameters<typeof makeLine>[2] = {}): void => {
    lines.push(makeLine(`l${lines.length}`, text, options));
  };
  const heading = (text: string): void => {
    lines.push(makeHeading(`h${lines.length}`, text));
  };

  heading('Classification');
  line(`${c.tier} · RTO ${formatHours(c.rtoHours)} · RPO ${formatHours(c.rpoHours)} · ${c.backupRequired ? 'backup required' : 'backup not required'}${c.reproducible ? ' · reproducible' : ''}`);
  line(`decided by: ${c.rule}`, { tone: 'accent' });
  const who = [c.owner ? `owner ${c.owner}` : '', c.sourceSystems?.length ? `sources ${c.sourceSystems.join(', ')}` : '', c.compliance?.length ? `compliance ${c.compliance.join(', ')}` : ''].filter(Boolean);
  if (who.length) line(who.join(' · '));

  const gaps = gapsOfAsset(data.posture.notEvaluated, asset);
  if (gaps.length) {
    line(`not evaluated: ${gaps.map((g) => `${g.check} (${g.reason})`).join('; ')}`, {
      tone: 'warn',
      target: { kind: 'list', list: 'gaps', scope: { accountId: asset.accountId, label: accountName(data, asset.accountId) } },
    });
  }

  heading(`Coverage: ${cov.state}`);
  if (cov.selectedBy.length === 0) {
    line('selected by no backup plan', { tone: c.backupRequired ? 'bad' : 'dim', fault: c.backupRequired });
    const why = whyNotCovered(data, asset);
    if (why.length) heading('Why not covered');
    for (const w of why) {
      line(w.text, { tone: w.tone, ...(w.planId ? { target: { kind: 'plan' as const, accountId: asset.accountId, region: asset.region, planId: w.planId } } : {}) });
    }
  }
  const shownPlans = new Set<string>();
  for (const s of cov.selectedBy) {
    const target = { kind: 'plan' as const, accountId: asset.accountId, region: asset.region, planId: s.planId };
    line(`plan ${s.planName} · selection ${s.selectionName} · ${s.clause}${s.through ? ` · through instance ${s.through.slice(s.through.lastIndexOf('/') + 1)}` : ''}`, { target });
    if (shownPlans.has(s.planId)) continue;
    shownPlans.add(s.planId);
    // The rules of the plan: what each promises for this asset (schedule, target vault, retention, copies).
    for (const rule of data.planByKey.get(planKey(asset.accountId, asset.region, s.planId))?.plan.BackupPlan.Rules ?? []) {
      const schedule = rule.EnableContinuousBackup ? 'continuous' : (rule.ScheduleExpression ?? 'default schedule');
      const keep = rule.Lifecycle?.DeleteAfterDays !== undefined ? `keep ${rule.Lifecycle.DeleteAfterDays} d` : 'keep forever';
      const copies = (rule.CopyActions ?? []).map((c) => c.DestinationBackupVaultArn.split(':').slice(3, 5).join('/')).join(', ');
      line(`  rule ${rule.RuleName} · ${schedule} · → ${rule.TargetBackupVaultName} · ${keep}${copies ? ` · copy → ${copies}` : ''}`, { target, tone: 'dim' });
    }
  }
  const schedule = [
    cov.frequencyHours !== undefined ? `every ${formatHours(cov.frequencyHours)}${cov.continuous ? ' (continuous)' : ''}` : '',
    cov.retentionNeverExpires ? 'retention: never expires' : cov.retentionDays !== undefined ? `retention ${cov.retentionDays} d` : '',
    cov.restoreTested === undefined ? '' : cov.restoreTested ? 'restore testing selected' : 'no restore-testing selection',
  ].filter(Boolean);
  if (schedule.length) line(schedule.join(' · '));
  if (cov.selectedBy.length) {
    const copies = [cov.copyRegions.length ? `Regions ${cov.copyRegions.join(', ')}` : '', cov.copyAccounts.length ? `accounts ${cov.copyAccounts.join(', ')}` : ''].filter(Boolean);
    line(copies.length ? `copies to ${copies.join(' · ')}` : 'no cross-Region or cross-account copy', { tone: copies.length ? 'ok' : 'warn' });
  }
  for (const v of cov.vaults) {
    const lock = v.airGapped ? 'air-gapped' : v.lock;
    line(`vault ${v.name} · lock ${lock}${v.reach ? ` · reached by ${v.reach}` : ''}`, {
      tone: v.reach === 'none' || lock === 'none' ? 'warn' : lock === 'unknown' ? 'dim' : 'ok',
      ...(v.arn ? { target: { kind: 'vault' as const, arn: v.arn } } : {}),
    });
  }
  // Why AWS's own behaviour decided this coverage (core words it once; the PDF and CSVs print the same lines).
  const notes = coverageNotes(cov);
  if (notes.length) {
    heading('Why');
    for (const note of notes) line(note.text, { tone: note.concern ? 'warn' : 'accent' });
  }

  heading('Recovery point');
  if (cov.lastRecoveryPointAt) {
    const age = hoursBetween(cov.lastRecoveryPointAt, new Date(data.now).toISOString()) ?? 0;
    const within = age <= c.rpoHours;
    line(`last recovery point ${formatTime(cov.lastRecoveryPointAt)} · ${formatAge(cov.lastRecoveryPointAt, data.now)} · RPO ${formatHours(c.rpoHours)} · ${within ? 'within RPO' : `exceeds RPO by ${formatHours(age - c.rpoHours)}`}`, {
      tone: within ? 'ok' : 'bad',
      fault: !within,
    });
  } else {
    line('no recovery point', { tone: c.backupRequired ? 'bad' : 'dim', fault: c.backupRequired });
  }

  const jobs = data.jobsByArn.get(arn) ?? [];
  const backups = jobs.filter((j) => j.kind !== 'restore');
  heading(`Recent jobs (${Math.min(RECENT_JOBS, backups.length)} of ${backups.length})`);
  if (!backups.length) line('no backup or copy jobs in the window', { tone: 'dim' });
  for (const job of backups.slice(0, RECENT_JOBS)) {
    line(jobLine(job), { tone: jobTone(job.outcome) ?? 'dim', fault: isUnsuccessful(job.outcome), target: { kind: 'job', jobKind: job.kind, jobId: job.id } });
  }

  const restores = jobs.filter((j) => j.kind === 'restore');
  heading(`Restore tests (${restores.length})`);
  if (!restores.length) line(cov.restoreTested ? 'no restore test ran in the window' : 'not restore-tested', { tone: c.backupRequired ? 'warn' : 'dim' });
  for (const job of restores) {
    const duration = hoursBetween(job.createdAt, job.completedAt);
    const verdict = job.restoreTest ? (job.verdict ?? 'pending') : 'manual';
    const vsRto = duration === undefined ? 'running' : duration <= c.rtoHours ? 'within RTO' : `exceeds RTO by ${formatHours(duration - c.rtoHours)}`;
    line(`${formatShortTime(job.createdAt)}  ${verdict.padEnd(7)}  ${job.state.padEnd(9)}  ${duration === undefined ? '…' : formatHours(duration)} / RTO ${formatHours(c.rtoHours)} · ${vsRto}`, {
      tone: job.verdict === 'failed' || (duration !== undefined && duration > c.rtoHours) ? 'bad' : job.verdict === 'passed' ? 'ok' : 'dim',
      fault: job.verdict === 'failed' || (duration !== undefined && duration > c.rtoHours),
      target: { kind: 'job', jobKind: 'restore', jobId: job.id },
    });
  }

  const findings = data.findingsByArn.get(arn) ?? [];
  heading(`Findings (${findings.length})`);
  if (!findings.length) line('none', { tone: 'ok' });
  for (const f of findings) {
    line(`${severityLabel(f.severity).padEnd(4)} ${f.check} — ${f.message}`, { tone: severityTone(f.severity), fault: true, target: { kind: 'finding', id: f.id }, copy: f.remediation });
    line(`     fix: ${f.remediation}`, { tone: 'dim', target: { kind: 'finding', id: f.id }, copy: f.remediation });
  }

  const tags = Object.entries(raw?.tags ?? {});
  if (tags.length) {
    heading('Tags');
    for (const [k, v] of tags) line(`${k} = ${v}`);
  }
  const attributes = Object.entries(raw?.attributes ?? {});
  if (attributes.length) {
    heading('Attributes');
    for (const [k, v] of attributes) line(`${k} = ${typeof v === 'string' ? v : JSON.stringify(v)}`);
  }

  return {
    kind: 'doc',
    title: asset.name,
    header: [
      [seg(asset.name, 'accent'), seg(`  ${asset.resourceType}  `), seg(cov.state, coverageTone(cov.state))],
      [seg(`${accountName(data, asset.accountId)} (${asset.accountId}) · ${asset.region} · ${asset.arn}`, 'dim')],
    ],
    columns: [],
    rows: lines,
    empty: '',
  };
}
