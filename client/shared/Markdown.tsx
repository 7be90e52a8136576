import type { Components } from 'react-markdown'
import ReactMarkdown from 'react-markdown'
import rehypeSanitize from 'rehype-sanitize'
import remarkGfm from 'remark-gfm'

const components: Components = {
  // Links in injects point outside the exercise: open them apart, without handing over this page.
  a: ({ node: _node, ...props }) => <a {...props} target="_blank" rel="noopener noreferrer" />,
  // A wide table scrolls in its own box, so the page never scrolls sideways on a phone.
  table: ({ node: _node, ...props }) => (
    <div className="markdown__table">
      <table {...props} />
    </div>
  ),
}

/**
 * Markdown from a scenario or a facilitator, rendered as React elements: GitHub tables and
 * lists, no raw HTML (it is dropped), and what remains passed through rehype-sanitize.
 */
export function Markdown({ text, className }: { text: string; className?: string }) {
  return (
    <div className={className ? `markdown ${className}` : 'markdown'}>
      <ReactMarkdown
        remarkPlugins={[remarkGfm]}
        rehypePlugins={[rehypeSanitize]}
        skipHtml
        components={components}
      >
        {text}
      </ReactMarkdown>
    </div>
  )
}
