import { useRef, useState } from 'react';
import { createRoot } from 'react-dom/client';
import { afterEach, describe, expect, it } from 'vitest';
import { userEvent } from 'vitest/browser';
import { useGridNavigation, type GridNavigation } from '../headless';

// An embedder's own markup on the headless hook, driven by real key presses in Chromium.
(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = false;

const cleanups: Array<() => void> = [];
afterEach(() => cleanups.splice(0).forEach((cleanup) => cleanup()));

interface Row {
  id: number;
  number: string;
}

function HeadlessGrid({ numbers }: { numbers: string[] }) {
  const [rows, setRows] = useState<Row[]>(() => numbers.map((number, id) => ({ id, number })));
  const entryRef = useRef<HTMLInputElement>(null);
  const rowsRef = useRef<HTMLDivElement>(null);
  const grid = useGridNavigation({
    rows,
    scrollRef: rowsRef,
    firstBadIndex: rows.findIndex((row) => row.number.startsWith('BAD')),
    onEdit: (id, text) => setRows((all) => all.map((row) => (row.id === id ? { id, number: text } : row))),
    onRemove: (id) => setRows((all) => all.filter((row) => row.id !== id)),
    onEmpty: () => entryRef.current?.focus(),
  });
  return (
    <>
      <input ref={entryRef} aria-label="Entry" />
      <button type="button" onClick={grid.focusFirstBad}>
        Fix
      </button>
      <button
        type="button"
        // A refusal marks a row a render after the submit: it becomes the first row to fix.
        onClick={() => setRows((all) => all.map((row, i) => (i === 2 ? { ...row, number: 'BAD-2' } : row)))}
      >
        Refuse the third
      </button>
      <div role="grid" aria-label="Serials" onKeyDown={grid.onKeyDown}>
        <div role="rowgroup" ref={rowsRef} style={{ height: 200, overflow: 'auto' }}>
          {rows.map((row, index) => (
            <div role="row" key={row.id} data-index={index} style={{ height: 40 }}>
              <div
                role="gridcell"
                data-cell="number"
                tabIndex={index === grid.activeIndex && grid.editingId === null ? 0 : -1}
                onFocus={() => grid.setActive(index)}
              >
                {grid.editingId === row.id ? <Editor row={row} grid={grid} /> : row.number}
              </div>
            </div>
          ))}
        </div>
      </div>
    </>
  );
}

function Editor({ row, grid }: { row: Row; grid: GridNavigation }) {
  return (
    <input
      aria-label={`New value for ${row.number}`}
      defaultValue={row.number}
      autoFocus
      onKeyDown={(event) => {
        if (event.key === 'Enter') grid.commitEdit(row.id, event.currentTarget.value);
        else if (event.key === 'Escape') grid.cancelEdit();
        else return;
        event.preventDefault();
        event.stopPropagation();
      }}
    />
  );
}

async function renderGrid(numbers: string[]) {
  const container = document.createElement('div');
  document.body.append(container);
  const root = createRoot(container);
  cleanups.push(() => {
    root.unmount();
    container.remove();
  });
  root.render(<HeadlessGrid numbers={numbers} />);
  await expect.poll(() => container.querySelectorAll('[role="row"]').length).toBe(numbers.length);
  const cell = (index: number) =>
    container.querySelector<HTMLElement>(`[data-index="${index}"] [data-cell="number"]`)!;
  const button = (name: string) =>
    [...container.querySelectorAll('button')].find((b) => b.textContent === name)!;
  return { container, cell, button };
}

/** What has keyboard focus, as a user would name it. */
const focused = () => {
  const element = document.activeElement as HTMLElement | null;
  if (element instanceof HTMLInputElement) return `input: ${element.getAttribute('aria-label')}`;
  return element?.textContent ?? null;
};

const numbers = (count: number) =>
  Array.from({ length: count }, (_, i) => `DEV-${String(i).padStart(5, '0')}`);

describe('useGridNavigation (headless entry)', () => {
  it('moves focus between the rows with the arrows, Home, End, PageDown and PageUp', async () => {
    const { cell } = await renderGrid(numbers(12));
    cell(0).focus();
    await userEvent.keyboard('{ArrowDown}');
    await expect.poll(focused).toBe('DEV-00001');
    await userEvent.keyboard('{ArrowDown}{ArrowDown}{ArrowUp}');
    await expect.poll(focused).toBe('DEV-00002');
    await userEvent.keyboard('{End}');
    await expect.poll(focused).toBe('DEV-00011');
    await userEvent.keyboard('{ArrowDown}');
    await expect.poll(focused).toBe('DEV-00011');
    await userEvent.keyboard('{Home}');
    await expect.poll(focused).toBe('DEV-00000');
    await userEvent.keyboard('{ArrowUp}');
    await expect.poll(focused).toBe('DEV-00000');
    // A 200 px viewport of 40 px rows shows five: a page moves four (a row stays in view).
    await userEvent.keyboard('{PageDown}');
    await expect.poll(focused).toBe('DEV-00004');
    await userEvent.keyboard('{PageUp}');
    await expect.poll(focused).toBe('DEV-00000');
  });

  it('keeps one tab stop: the active row', async () => {
    const { container, cell } = await renderGrid(numbers(5));
    cell(0).focus();
    await userEvent.keyboard('{ArrowDown}{ArrowDown}');
    await expect.poll(focused).toBe('DEV-00002');
    const stops = [...container.querySelectorAll<HTMLElement>('[data-cell="number"]')].filter(
      (element) => element.tabIndex === 0,
    );
    expect(stops.map((element) => element.textContent)).toEqual(['DEV-00002']);
  });

  it('Enter edits the row in place and focus comes back to it; Escape leaves it unchanged', async () => {
    const { cell } = await renderGrid(numbers(3));
    cell(0).focus();
    await userEvent.keyboard('{ArrowDown}{Enter}');
    await expect.poll(focused).toBe('input: New value for DEV-00001');
    await userEvent.keyboard('{Control>}a{/Control}DEV-00099{Enter}');
    await expect.poll(focused).toBe('DEV-00099');
    await userEvent.keyboard('{F2}');
    await expect.poll(focused).toBe('input: New value for DEV-00099');
    await userEvent.keyboard('X{Escape}');
    await expect.poll(focused).toBe('DEV-00099');
    expect(cell(1).textContent).toBe('DEV-00099');
  });

  it('Delete removes the row and focus stays in place; the last row gone, focus goes to the entry field', async () => {
    const { container, cell } = await renderGrid(numbers(3));
    cell(1).focus();
    await userEvent.keyboard('{Delete}');
    await expect.poll(focused).toBe('DEV-00002');
    await userEvent.keyboard('{Backspace}');
    // The last row removed: focus goes to the row above it.
    await expect.poll(focused).toBe('DEV-00000');
    await userEvent.keyboard('{Delete}');
    await expect.poll(focused).toBe('input: Entry');
    expect(container.querySelectorAll('[role="row"]')).toHaveLength(0);
  });

  it('focusFirstBad focuses the first row to fix, also when the rows are marked a render later', async () => {
    const { button } = await renderGrid(['DEV-00000', 'DEV-00001', 'DEV-00002', 'BAD-3', 'DEV-00004']);
    await userEvent.click(button('Fix'));
    await expect.poll(focused).toBe('BAD-3');

    cleanups.splice(0).forEach((cleanup) => cleanup());
    const later = await renderGrid(numbers(5));
    await userEvent.click(later.button('Fix'));
    expect(focused()).toBe('Fix');
    await userEvent.click(later.button('Refuse the third'));
    await expect.poll(focused).toBe('BAD-2');
  });
});
