import { createElement, forwardRef, type ComponentPropsWithoutRef } from 'react';
import { createPart } from '../common/create-part';
import { cx } from '../common/class-names';

// Unstyled parts of SerialHistoryTimeline: each renders exactly one element with a stable
// `sg-timeline-…` class. Compose them with useSerialHistory to build a custom timeline.

/** `<section class="sg-root sg-panel sg-timeline">`: carries data-state, data-variant, data-order. */
export const TimelineRoot = createPart('section', 'sg-root sg-panel sg-timeline', 'TimelineRoot');
/** `<header>` with the serial's number and facts. */
export const TimelineHeader = createPart('header', 'sg-timeline-header', 'TimelineHeader');
/** `<dl>` of facts about the serial. */
export const TimelineFacts = createPart('dl', 'sg-timeline-facts', 'TimelineFacts');
/** `<div>` grouping one fact's label and value; `data-fact` names it. */
export const TimelineFact = createPart('div', 'sg-timeline-fact', 'TimelineFact');
/** `<dt>` label of a fact. */
export const TimelineFactLabel = createPart('dt', 'sg-timeline-fact-label', 'TimelineFactLabel');
/** `<dd>` value of a fact. */
export const TimelineFactValue = createPart('dd', 'sg-timeline-fact-value', 'TimelineFactValue');
/** `<div>` above the list: its heading and the order buttons. */
export const TimelineToolbar = createPart('div', 'sg-timeline-toolbar', 'TimelineToolbar');
/** `<ol>` of movements. */
export const TimelineList = createPart('ol', 'sg-timeline-list', 'TimelineList');
/** `<li>` of one movement; `data-movement-type` holds its MovementType. */
export const TimelineItem = createPart('li', 'sg-timeline-item', 'TimelineItem');
/** `<div>` first line of a movement: its type and time. */
export const TimelineItemHeading = createPart('div', 'sg-timeline-item-heading', 'TimelineItemHeading');
/** `<time>` of a movement; pass `dateTime` with the ISO value. */
export const TimelineTime = createPart('time', 'sg-timeline-time', 'TimelineTime');
/** `<div>` line of a movement's details (document, route, party, actor). */
export const TimelineDetails = createPart('div', 'sg-timeline-details', 'TimelineDetails');
/** `<span>` one detail; `data-detail` names it. */
export const TimelineDetail = createPart('span', 'sg-timeline-detail', 'TimelineDetail');
/** `<p>` the note of a movement. */
export const TimelineNote = createPart('p', 'sg-timeline-note', 'TimelineNote');
/** `<p>` loading, empty, not-found and error messages. */
export const TimelineMessage = createPart('p', 'sg-message sg-timeline-message', 'TimelineMessage');

/** Props of TimelineTitle. */
export interface TimelineTitleProps extends ComponentPropsWithoutRef<'h2'> {
  /** Heading level, to fit the host page's outline. Default: 2. */
  level?: 2 | 3 | 4 | 5 | 6;
}

/** `<h2>`…`<h6>` heading; the level follows the `level` prop. */
export const TimelineTitle = forwardRef<HTMLHeadingElement, TimelineTitleProps>(function TimelineTitle(
  { level = 2, className, ...rest },
  ref,
) {
  return createElement(`h${level}`, { ref, className: cx('sg-timeline-title', className), ...rest });
});
