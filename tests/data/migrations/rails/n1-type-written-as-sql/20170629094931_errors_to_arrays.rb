class ErrorsToArrays < ActiveRecord::Migration[5.0]
  def up
    change_column_default :checks, :link_errors, nil
    change_column :checks, :link_errors, "character varying[] USING array[]::character varying[]"
    change_column :checks, :link_notes, :string, array: true
    change_column :checks, :summary, "text"
    change_column_default :checks, :link_errors, []
  end

  def down
    change_column :checks, :link_errors, :json
    change_column :checks, :link_notes, :string
    change_column :checks, :summary, :string
  end
end
