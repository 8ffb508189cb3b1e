class AddAccountIds < ActiveRecord::Migration[8.0]
  TABLES = %i[rails_pulse_routes rails_pulse_requests]

  def up
    %w[
      accesses pins
    ].each do |table|
      add_column table, "account_id", :uuid, null: false
    end
    TABLES.each { |t| drop_table t }
  end

  def down
    raise ActiveRecord::IrreversibleMigration
  end
end
