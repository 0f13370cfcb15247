/** React Query hooks over the typed client. Query keys are `['q', name, input]`. */
import {
  keepPreviousData,
  useMutation,
  useQuery,
  useQueryClient,
  type UseQueryResult,
} from '@tanstack/react-query';
import type {
  CommandInput,
  CommandName,
  CommandResult,
  QueryInput,
  QueryName,
  QueryResult,
} from '../../../shared/contract/index.js';
import { runCommand, runQuery } from './client.js';

export function queryKey<N extends QueryName>(name: N, input?: QueryInput<N>): readonly unknown[] {
  return input === undefined ? ['q', name] : ['q', name, input];
}

interface QueryOptions {
  enabled?: boolean;
  /** Keep showing the previous answer while the next one loads (grids). */
  keepPrevious?: boolean;
  refetchInterval?: number;
}

export function useApiQuery<N extends QueryName>(
  name: N,
  input: QueryInput<N>,
  options: QueryOptions = {},
): UseQueryResult<QueryResult<N>, Error> {
  return useQuery({
    queryKey: queryKey(name, input),
    queryFn: () => runQuery(name, input),
    enabled: options.enabled ?? true,
    placeholderData: options.keepPrevious ? keepPreviousData : undefined,
    refetchInterval: options.refetchInterval,
  });
}

/** A command; on success the named queries are refreshed. */
export function useApiCommand<N extends CommandName>(name: N, invalidates: QueryName[] = []) {
  const client = useQueryClient();
  return useMutation<CommandResult<N>, Error, CommandInput<N>>({
    mutationFn: (input) => runCommand(name, input),
    onSuccess: async () => {
      await Promise.all(invalidates.map((q) => client.invalidateQueries({ queryKey: queryKey(q) })));
    },
  });
}
