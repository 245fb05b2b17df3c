// Placeholder frame of the phone pages; the pages themselves live in ./pages.
import { Routes, Route } from 'react-router'
import { ErrorBlock } from 'antd-mobile'

export function H5App() {
  return (
    <Routes>
      <Route path="*" element={<ErrorBlock status="empty" title="邻里" description="" />} />
    </Routes>
  )
}
