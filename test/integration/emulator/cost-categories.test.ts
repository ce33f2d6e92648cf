/**
 * Cost categories through the real SDK over HTTP: a `Project` tag mapped to business names with a
 * default value, listed, described, updated and deleted, with Cost Explorer's validation errors.
 * The emulator has no billing data, so nothing is allocated; the definitions are what a lab checks.
 */
import * as CE from '@aws-sdk/client-cost-explorer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { awsError } from './support.ts';
import { asAccount, type Clocked, clockedEmulator } from './org-cost-support.ts';

const ACCOUNT = '246813579135';

describe('Cost Explorer: cost categories', () => {
  let c: Clocked;
  let ce: CE.CostExplorerClient;
  beforeAll(async () => {
    c = await clockedEmulator();
    ce = new CE.CostExplorerClient(asAccount(c.emu.url, ACCOUNT));
  });
  afterAll(() => c.emu.stop());

  const projectRule = (value: string, tag: string): CE.CostCategoryRule => ({ Value: value, Rule: { Tags: { Key: 'Project', Values: [tag], MatchOptions: ['EQUALS'] } } });

  it('creates, lists, describes, updates and deletes a category', async () => {
    const created = await ce.send(new CE.CreateCostCategoryDefinitionCommand({
      Name: 'ml-projects',
      RuleVersion: 'CostCategoryExpression.v1',
      Rules: [projectRule('Churn prediction', 'churn'), projectRule('Fraud scoring', 'fraud')],
      DefaultValue: 'Unallocated',
    }));
    expect(created.CostCategoryArn).toMatch(new RegExp(`^arn:aws:ce::${ACCOUNT}:costcategory/[0-9a-f-]{36}$`));
    expect(created.EffectiveStart).toBe('2026-11-01T00:00:00Z');

    const { CostCategory } = await ce.send(new CE.DescribeCostCategoryDefinitionCommand({ CostCategoryArn: created.CostCategoryArn }));
    expect(CostCategory).toMatchObject({ Name: 'ml-projects', DefaultValue: 'Unallocated', RuleVersion: 'CostCategoryExpression.v1', ProcessingStatus: [{ Component: 'COST_EXPLORER', Status: 'APPLIED' }] });
    expect(CostCategory!.Rules).toHaveLength(2);

    const listed = await ce.send(new CE.ListCostCategoryDefinitionsCommand({}));
    expect(listed.CostCategoryReferences).toEqual([expect.objectContaining({ Name: 'ml-projects', NumberOfRules: 2, Values: ['Churn prediction', 'Fraud scoring'], DefaultValue: 'Unallocated' })]);

    await ce.send(new CE.UpdateCostCategoryDefinitionCommand({ CostCategoryArn: created.CostCategoryArn, RuleVersion: 'CostCategoryExpression.v1', Rules: [projectRule('Churn prediction', 'churn')] }));
    const after = (await ce.send(new CE.DescribeCostCategoryDefinitionCommand({ CostCategoryArn: created.CostCategoryArn }))).CostCategory!;
    expect(after.Rules).toHaveLength(1);
    expect(after.DefaultValue).toBeUndefined();

    const deleted = await ce.send(new CE.DeleteCostCategoryDefinitionCommand({ CostCategoryArn: created.CostCategoryArn }));
    expect(deleted.CostCategoryArn).toBe(created.CostCategoryArn);
    expect((await ce.send(new CE.ListCostCategoryDefinitionsCommand({}))).CostCategoryReferences).toEqual([]);
    const gone = await awsError(() => ce.send(new CE.DescribeCostCategoryDefinitionCommand({ CostCategoryArn: created.CostCategoryArn })));
    expect(gone.name).toBe('ResourceNotFoundException');
  });

  it('rejects malformed definitions and duplicate names with ValidationException', async () => {
    const noValue = await awsError(() => ce.send(new CE.CreateCostCategoryDefinitionCommand({ Name: 'bad', RuleVersion: 'CostCategoryExpression.v1', Rules: [{ Rule: { Tags: { Key: 'Project', Values: ['x'] } } }] })));
    expect(noValue.name).toBe('ValidationException');
    const twoKinds = await awsError(() => ce.send(new CE.CreateCostCategoryDefinitionCommand({ Name: 'bad', RuleVersion: 'CostCategoryExpression.v1', Rules: [{ Value: 'v', Rule: { Tags: { Key: 'Project', Values: ['x'] }, Dimensions: { Key: 'SERVICE', Values: ['Amazon SageMaker'] } } }] })));
    expect(twoKinds.message).toContain('exactly one of');
    await ce.send(new CE.CreateCostCategoryDefinitionCommand({ Name: 'teams', RuleVersion: 'CostCategoryExpression.v1', Rules: [projectRule('A', 'a')] }));
    const duplicate = await awsError(() => ce.send(new CE.CreateCostCategoryDefinitionCommand({ Name: 'teams', RuleVersion: 'CostCategoryExpression.v1', Rules: [projectRule('A', 'a')] })));
    expect(duplicate.name).toBe('ValidationException');
  });
});
