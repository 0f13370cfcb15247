/** React Query hooks over the typed client. Query keys are `['q', name, input]`. */
import { keepPreviousData, useMutation, useQuery, type UseQueryResult } from '@tanstack/react-query';
import type { CommandInput, CommandName, CommandResult, QueryInput, QueryName, QueryResult } from '../../../shared/contract/index.js';
import { runCommand, runQuery } from './client.js';

export function queryKey<N extends QueryName>(name: N, input?: QueryInput<N>): readonly unknown[] {
  return input === undefined ? ['q', name] : ['q', name, input];
}

interface QueryOptions<R> {
  enabled?: boolean;
  /** Keep showing the previous answer while the next one loads (grids). */
  keepPrevious?: boolean;
  /** Milliseconds between refreshes, or a rule over the last answer (false: stop). */
  refetchInterval?: number | ((data: R | undefined) => number | false);
}

export function useApiQuery<N extends QueryName>(
  name: N,
  input: QueryInput<N>,
  options: QueryOptions<QueryResult<N>> = {},
): UseQueryResult<QueryResult<N>, Error> {
  const interval = options.refetchInterval;
  return useQuery({
    queryKey: queryKey(name, input),
    queryFn: () => runQuery(name, input),
    enabled: options.enabled ?? true,
    placeholderData: options.keepPrevious ? keepPreviousData : undefined,
    refetchInterval: typeof interval === 'function' ? (query) => interval(query.state.data as QueryResult<N> | undefined) : interval,
  });
}

/** A command; what it changed is refreshed before it settles (runCommand, from the contract's `affects`). */
export function useApiCommand<N extends CommandName>(name: N) {
  return useMutation<CommandResult<N>, Error, CommandInput<N>>({ mutationFn: (input) => runCommand(name, input) });
}
