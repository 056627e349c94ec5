import {
  forwardRef,
  type ComponentPropsWithoutRef,
  type ComponentRef,
  type ElementType,
  type JSX,
} from 'react';
import { cx } from './class-names';

/**
 * Makes an unstyled part: one element, one stable `sg-…` class the stylesheet targets,
 * every other prop (className, data-*, aria-*, ref) passed through.
 * forwardRef keeps parts usable with React 18 hosts.
 */
export function createPart<Tag extends keyof JSX.IntrinsicElements>(
  tag: Tag,
  partClass: string,
  displayName: string,
) {
  const Element = tag as ElementType;
  const Part = forwardRef<ComponentRef<Tag>, ComponentPropsWithoutRef<Tag>>(function Part(props, ref) {
    const { className, ...rest } = props as { className?: string };
    return <Element ref={ref} className={cx(partClass, className)} {...rest} />;
  });
  Part.displayName = displayName;
  return Part;
}
