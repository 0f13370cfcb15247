import { describe, expect, it } from 'vitest';
import { decisionTarget, keepToRows } from '../../../../src/renderer/src/applications/queueFocus.js';

const rows = (...ids: string[]) => ids.map((id) => ({ id }));

describe('the queue keeps its highlight and open application to the rows shown', () => {
  it('closes an open application that a search dropped from the list, and highlights the first row found', () => {
    expect(keepToRows(rows('b1', 'b2'), { selectedId: 'a', openId: 'a' })).toEqual({ selectedId: 'b1', openId: null });
  });

  it('keeps an open application and its highlight that are still in the list', () => {
    expect(keepToRows(rows('a', 'b', 'c'), { selectedId: 'c', openId: 'b' })).toEqual({ selectedId: 'c', openId: 'b' });
  });

  it('moves a highlight that left the list to the open application when that is still shown', () => {
    expect(keepToRows(rows('a', 'b'), { selectedId: 'gone', openId: 'b' })).toEqual({ selectedId: 'b', openId: 'b' });
  });

  it('holds nothing when the list is empty', () => {
    expect(keepToRows([], { selectedId: 'a', openId: 'a' })).toEqual({ selectedId: null, openId: null });
  });
});

describe('a decision key acts only on the highlighted row in the list on screen', () => {
  it('targets the highlighted row when the list answers the filters on screen', () => {
    expect(decisionTarget(rows('a', 'b'), 'b', true)).toBe('b');
  });

  it('targets nothing while the list on screen is a previous answer or the search is still being typed', () => {
    expect(decisionTarget(rows('a', 'b'), 'b', false)).toBeNull();
  });

  it('targets nothing when the highlight is not a row of the list', () => {
    expect(decisionTarget(rows('a', 'b'), 'x', true)).toBeNull();
    expect(decisionTarget(rows('a'), null, true)).toBeNull();
  });
});
