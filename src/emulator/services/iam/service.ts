/** AWS Identity and Access Management: global per account. */
import { defineService } from '../define-service.ts';
import { createIamState, type IamState } from './state.ts';
import { IAM_LIMITATIONS } from './limitations.ts';
import * as roles from './roles.ts';

export const iam = defineService<IamState>({
  id: 'iam',
  title: 'AWS Identity and Access Management (IAM)',
  signingName: 'iam',
  protocol: 'awsQuery',
  wire: { apiVersion: '2010-05-08', xmlNamespace: 'https://iam.amazonaws.com/doc/2010-05-08/' },
  loadModel: () => import('@aws-sdk/client-iam') as Promise<Record<string, unknown>>,
  state: { scope: 'account', create: createIamState },
  handlers: {
    CreateRole: roles.createRole,
    GetRole: roles.getRole,
    DeleteRole: roles.deleteRole,
    ListRoles: roles.listRoles,
    UpdateRole: roles.updateRole,
    UpdateRoleDescription: roles.updateRoleDescription,
    UpdateAssumeRolePolicy: roles.updateAssumeRolePolicy,
    TagRole: roles.tagRole,
    UntagRole: roles.untagRole,
    ListRoleTags: roles.listRoleTags,
    PutRolePermissionsBoundary: roles.putRolePermissionsBoundary,
    DeleteRolePermissionsBoundary: roles.deleteRolePermissionsBoundary,
  },
  limitations: IAM_LIMITATIONS,
});
