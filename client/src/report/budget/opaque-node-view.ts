import { ReactNodeView, ReactNodeViewRenderer, type ReactNodeViewProps } from '@tiptap/react';
import type { NodeViewRenderer } from '@tiptap/core';
import type { ComponentType } from 'react';

/**
 * A React node view that draws its node's whole content itself. TipTap gives every non-leaf
 * node view a content element for ProseMirror to render the children into; a budget table
 * renders its rows and cells in React (inputs that write cell attributes and cell text), so
 * that element is dropped and ProseMirror leaves the inside alone.
 */
export function opaqueReactNodeView(component: ComponentType<ReactNodeViewProps>): NodeViewRenderer {
  const render = ReactNodeViewRenderer(component);
  return (props) => {
    const view = render(props);
    if (view instanceof ReactNodeView) {
      view.contentDOMElement?.remove();
      view.contentDOMElement = null;
    }
    return view;
  };
}
