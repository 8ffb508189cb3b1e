class UpdateArchivedColumns < ActiveRecord::Migration[7.2]
  def up
    tables = %w[
      support_categories
      local_authorities
    ]

    tables.each do |table|
      execute "UPDATE #{table} SET archived = false WHERE archived IS NULL;"

      change_column_default table, :archived, false
      change_column_null table, :archived, false
    end
  end

  def down
    tables = %w[
      support_categories
      local_authorities
    ]

    tables.each do |table|
      change_column_default table, :archived, nil
      change_column_null table, :archived, true
    end
  end
end
