import type { AuthChecker } from 'type-graphql';
import type { RequestContext } from '../../common/context';
import type { Role } from './api-key.entity';
import { roleAllows } from './auth.service';

/**
 * `@Authorized()` needs any valid key (the context already checked it); `@Authorized('clerk')` a role
 * at least that strong. A caller without a key (only publicWarranty is public) never passes.
 */
export const authChecker: AuthChecker<RequestContext, Role> = ({ context }, roles) =>
  !context.anonymous && roles.every((required) => roleAllows(context.role, required));
