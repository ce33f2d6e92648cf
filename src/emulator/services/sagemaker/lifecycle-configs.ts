/**
 * Notebook instance lifecycle configurations: base64-encoded shell scripts run when a notebook is
 * created (OnCreate) or started (OnStart). Labs read them back to find secrets written into scripts.
 */
import type * as SM from '@aws-sdk/client-sagemaker';
import type { RequestContext } from '../../core/context.ts';
import { ProblemList } from '../../core/validation.ts';
import type { Output } from '../define-service.ts';
import { checkName, key, listPage, sagemaker, sagemakerArn, validation } from './common.ts';
import type { NotebookLifecycleConfig } from './state.ts';
import { checkTags, dropTags, setTags } from './tags.ts';

const TYPE = 'notebook-instance-lifecycle-config';
const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

function arnOf(ctx: RequestContext, name: string): string {
  return sagemakerArn(ctx, TYPE, name);
}

export function findLifecycleConfig(ctx: RequestContext, name: string, verb: string): NotebookLifecycleConfig {
  const config = sagemaker(ctx).lifecycleConfigs.get(key(name));
  if (!config) throw validation(`Unable to ${verb} Notebook Instance Lifecycle Config '${arnOf(ctx, name)}'. (Details: Notebook Instance Lifecycle Config does not exist.)`);
  return config;
}

/** Each hook holds one base64 script of at most 16384 characters. */
function checkHooks(problems: ProblemList, member: 'onCreate' | 'onStart', hooks: SM.NotebookInstanceLifecycleHook[] | undefined): void {
  if (!hooks) return;
  if (hooks.length > 1) problems.problems.push({ path: member, kind: 'constraint', value: hooks.map((h) => h.Content), constraint: 'Member must have length less than or equal to 1' });
  hooks.forEach((hook, i) => problems.minLength(`${member}.${i + 1}.member.content`, hook.Content, 1).maxLength(`${member}.${i + 1}.member.content`, hook.Content, 16384));
}

function checkBase64(hooks: SM.NotebookInstanceLifecycleHook[] | undefined, member: string): void {
  hooks?.forEach((hook, i) => {
    const content = (hook.Content ?? '').replace(/\s+/g, '');
    if (!BASE64.test(content) || content.length % 4 !== 0) {
      throw validation(`${member}[${i}].Content is not valid base64: lifecycle configuration scripts must be base64-encoded (e.g. base64 -w0 on-start.sh).`);
    }
  });
}

function validateScripts(input: { NotebookInstanceLifecycleConfigName?: string; OnCreate?: SM.NotebookInstanceLifecycleHook[]; OnStart?: SM.NotebookInstanceLifecycleHook[] }): void {
  const problems = checkName(new ProblemList(), 'notebookInstanceLifecycleConfigName', input.NotebookInstanceLifecycleConfigName);
  checkHooks(problems, 'onCreate', input.OnCreate);
  checkHooks(problems, 'onStart', input.OnStart);
  problems.check();
  checkBase64(input.OnCreate, 'OnCreate');
  checkBase64(input.OnStart, 'OnStart');
}

export function createNotebookInstanceLifecycleConfig(input: SM.CreateNotebookInstanceLifecycleConfigInput, ctx: RequestContext): Output<SM.CreateNotebookInstanceLifecycleConfigOutput> {
  validateScripts(input);
  const tags = checkTags(input.Tags);
  const state = sagemaker(ctx);
  const name = input.NotebookInstanceLifecycleConfigName!;
  const arn = arnOf(ctx, name);
  if (state.lifecycleConfigs.has(key(name))) throw validation(`Unable to create Notebook Instance Lifecycle Config ${arn}. (Details: Notebook Instance Lifecycle Config already exists.)`);
  state.lifecycleConfigs.set(key(name), { name, arn, onCreate: input.OnCreate, onStart: input.OnStart, creationTime: ctx.now, lastModifiedTime: ctx.now });
  setTags(state, arn, tags);
  return { NotebookInstanceLifecycleConfigArn: arn };
}

export function describeNotebookInstanceLifecycleConfig(input: SM.DescribeNotebookInstanceLifecycleConfigInput, ctx: RequestContext): Output<SM.DescribeNotebookInstanceLifecycleConfigOutput> {
  const config = findLifecycleConfig(ctx, input.NotebookInstanceLifecycleConfigName!, 'describe');
  return {
    NotebookInstanceLifecycleConfigArn: config.arn,
    NotebookInstanceLifecycleConfigName: config.name,
    OnCreate: config.onCreate,
    OnStart: config.onStart,
    CreationTime: config.creationTime,
    LastModifiedTime: config.lastModifiedTime,
  };
}

export function updateNotebookInstanceLifecycleConfig(input: SM.UpdateNotebookInstanceLifecycleConfigInput, ctx: RequestContext): Output<SM.UpdateNotebookInstanceLifecycleConfigOutput> {
  validateScripts(input);
  const config = findLifecycleConfig(ctx, input.NotebookInstanceLifecycleConfigName!, 'update');
  // Hooks not given are left as they are; an empty list removes them.
  if (input.OnCreate !== undefined) config.onCreate = input.OnCreate.length ? input.OnCreate : undefined;
  if (input.OnStart !== undefined) config.onStart = input.OnStart.length ? input.OnStart : undefined;
  config.lastModifiedTime = ctx.now;
  return {};
}

export function deleteNotebookInstanceLifecycleConfig(input: SM.DeleteNotebookInstanceLifecycleConfigInput, ctx: RequestContext): Output<unknown> {
  const config = findLifecycleConfig(ctx, input.NotebookInstanceLifecycleConfigName!, 'delete');
  const state = sagemaker(ctx);
  state.lifecycleConfigs.delete(key(config.name));
  dropTags(state, config.arn);
  return {};
}

export function listNotebookInstanceLifecycleConfigs(input: SM.ListNotebookInstanceLifecycleConfigsInput, ctx: RequestContext): Output<SM.ListNotebookInstanceLifecycleConfigsOutput> {
  const { page, NextToken } = listPage(sagemaker(ctx).lifecycleConfigs.values(), input, { sortBy: ['Name', 'CreationTime', 'LastModifiedTime'], defaultSortBy: 'CreationTime', defaultSortOrder: 'Descending' });
  return {
    NotebookInstanceLifecycleConfigs: page.map((c) => ({
      NotebookInstanceLifecycleConfigName: c.name,
      NotebookInstanceLifecycleConfigArn: c.arn,
      CreationTime: c.creationTime,
      LastModifiedTime: c.lastModifiedTime,
    })),
    NextToken,
  };
}
