import {
  type BoardTemplateId,
  boardTemplateIds,
  boardTemplates,
  isBoardTemplateId,
} from '@stormline/shared/board/templates'
import './template-select.css'

interface TemplateSelectProps {
  value: BoardTemplateId
  onChange(template: BoardTemplateId): void
  disabled?: boolean
}

/** Picks the template a new board is laid out from, explaining the one picked. */
export function TemplateSelect({ value, onChange, disabled }: TemplateSelectProps) {
  return (
    <>
      <label className="home__label" htmlFor="board-template">
        Template
      </label>
      <select
        id="board-template"
        className="template-select"
        data-testid="template-select"
        aria-describedby="board-template-description"
        value={value}
        disabled={disabled}
        onChange={(event) => {
          if (isBoardTemplateId(event.target.value)) onChange(event.target.value)
        }}
      >
        {boardTemplateIds.map((id) => (
          <option key={id} value={id} title={boardTemplates[id].description}>
            {boardTemplates[id].label}
          </option>
        ))}
      </select>
      <p id="board-template-description" className="template-select__description">
        {boardTemplates[value].description}
      </p>
    </>
  )
}
